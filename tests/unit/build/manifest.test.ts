/**
 * Incognito: in Chrome the extension runs split (an incognito window gets its own background, with
 * the incognito profile's W&B cookies, never the normal profile's session); Firefox, which has no
 * split mode, does not run it in private windows at all.
 */
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';

async function manifestFor(browser: string): Promise<Record<string, unknown>> {
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts manifest must depend on the browser');
  return (await manifest({ browser, command: 'build', mode: 'production', manifestVersion: 3 })) as Record<
    string,
    unknown
  >;
}

describe('incognito', () => {
  it('is split in Chrome, so a private window never acts with the normal session', async () => {
    expect((await manifestFor('chrome')).incognito).toBe('split');
  });

  it('is not allowed in Firefox, which has no split mode', async () => {
    expect((await manifestFor('firefox')).incognito).toBe('not_allowed');
  });
});
