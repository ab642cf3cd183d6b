/**
 * For tests of storage readers: each test starts from an empty fake browser with the "set aside"
 * warnings not yet said (a damaged item warns once per key), and console.warn captured. Returns the
 * capture of the running test.
 */
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetCorruptWarnings } from '@/lib/corrupt-storage';

export function freshStorageEachTest(): () => MockInstance<typeof console.warn> {
  let warn: MockInstance<typeof console.warn> | undefined;
  beforeEach(() => {
    fakeBrowser.reset();
    resetCorruptWarnings();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => warn?.mockRestore());
  return () => {
    if (!warn) throw new Error('console.warn is captured only while a test runs.');
    return warn;
  };
}
