/** reportFailure logs a failure once per tool and message; settled() is a queue tail that never rejects. */
import { describe, expect, it, vi } from 'vitest';
import { reportFailure, settled } from '@/lib/report';

describe('reportFailure', () => {
  it('logs each tool and message once, tagged with the tool, and never throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    reportFailure('invite', new Error('resume failed: storage is full'));
    reportFailure('invite', new Error('resume failed: storage is full'));
    reportFailure('offboard', new Error('resume failed: storage is full'));
    reportFailure('invite', 'a string thrown');
    expect(warn.mock.calls).toEqual([
      ['[wandb-admin-toolkit:invite]', 'resume failed: storage is full'],
      ['[wandb-admin-toolkit:offboard]', 'resume failed: storage is full'],
      ['[wandb-admin-toolkit:invite]', 'a string thrown'],
    ]);
  });
});

describe('settled', () => {
  it('resolves when the promise settles, either way, while the promise itself still rejects', async () => {
    const failing = Promise.reject(new Error('write failed'));
    await expect(settled(failing)).resolves.toBeUndefined();
    await expect(failing).rejects.toThrow('write failed');
    await expect(settled(Promise.resolve(42))).resolves.toBeUndefined();
  });
});
