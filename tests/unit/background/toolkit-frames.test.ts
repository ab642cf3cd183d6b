import { describe, expect, it } from 'vitest';
import {
  createToolkitFrames,
  MAX_BOUND_FRAMES,
  TOKEN_TTL_MS,
  type ToolkitFramesState,
} from '@/lib/background/toolkit-frames';

const page = 'https://wandb.ai/account-settings/acme/members';
const wandb = { appOrigin: 'https://wandb.ai', tabId: 3 };

function setup(initial: unknown = undefined) {
  let value = initial;
  let clock = 1_000;
  let serial = 0;
  const frames = createToolkitFrames(
    {
      get: async () => structuredClone(value),
      set: async (state: ToolkitFramesState) => {
        value = structuredClone(state);
      },
    },
    { now: () => clock, newToken: () => `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}` },
  );
  return { frames, tick: (ms: number) => (clock += ms), stored: () => value as ToolkitFramesState };
}

describe('toolkit frames', () => {
  it('binds the frame that presents a live token of its own tab, and remembers its page', async () => {
    const { frames } = setup();
    const token = await frames.issueToken(wandb, page);
    const binding = await frames.adopt(token, { tabId: 3, frameId: 9, documentId: 'doc-1' });
    expect(binding).toMatchObject({ appOrigin: 'https://wandb.ai', pageUrl: page, tabId: 3, frameId: 9 });
    expect(await frames.lookup({ tabId: 3, frameId: 9, documentId: 'doc-1' })).toEqual(binding);
    expect(await frames.lookup({ tabId: 3, frameId: 10 })).toBeNull();
  });

  it('refuses a token after its time, twice, or from another tab', async () => {
    const { frames, tick } = setup();
    const late = await frames.issueToken(wandb, page);
    tick(TOKEN_TTL_MS + 1);
    expect(await frames.adopt(late, { tabId: 3, frameId: 1 })).toBeNull();
    const once = await frames.issueToken(wandb, page);
    expect(await frames.adopt(once, { tabId: 4, frameId: 1 })).toBeNull();
    // A token tried from the wrong tab is spent: it cannot be retried from the right one.
    expect(await frames.adopt(once, { tabId: 3, frameId: 1 })).toBeNull();
    const good = await frames.issueToken(wandb, page);
    expect(await frames.adopt(good, { tabId: 3, frameId: 1 })).not.toBeNull();
    expect(await frames.adopt(good, { tabId: 3, frameId: 2 })).toBeNull();
  });

  it('a frame that navigated (another document) is no longer bound', async () => {
    const { frames } = setup();
    await frames.adopt(await frames.issueToken(wandb, page), { tabId: 3, frameId: 9, documentId: 'doc-1' });
    expect(await frames.lookup({ tabId: 3, frameId: 9, documentId: 'doc-2' })).toBeNull();
  });

  it('forgets the frames and tokens of a closed tab, and keeps at most the newest bindings', async () => {
    const { frames, tick, stored } = setup();
    for (let frameId = 1; frameId <= MAX_BOUND_FRAMES + 5; frameId++) {
      tick(1);
      await frames.adopt(await frames.issueToken(wandb, page), { tabId: 3, frameId });
    }
    expect(Object.keys(stored().frames)).toHaveLength(MAX_BOUND_FRAMES);
    expect(await frames.lookup({ tabId: 3, frameId: 1 })).toBeNull();
    expect(await frames.lookup({ tabId: 3, frameId: MAX_BOUND_FRAMES + 5 })).not.toBeNull();
    await frames.issueToken({ appOrigin: 'https://wandb.ai', tabId: 8 }, page);
    await frames.forgetTab(3);
    expect(Object.keys(stored().frames)).toEqual([]);
    expect(Object.values(stored().pending).map((entry) => entry.tabId)).toEqual([8]);
  });

  it('a malformed stored value binds nothing (and is replaced by the next write)', async () => {
    const { frames, stored } = setup({ frames: 'garbage' });
    expect(await frames.lookup({ tabId: 3, frameId: 1 })).toBeNull();
    await frames.issueToken(wandb, page);
    expect(Object.keys(stored().pending)).toHaveLength(1);
  });

  it('concurrent handshakes lose no binding (one serialised read-modify-write)', async () => {
    const { frames } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => frames.issueToken(wandb, page)));
    await Promise.all(tokens.map((token, i) => frames.adopt(token, { tabId: 3, frameId: i + 1 })));
    const found = await Promise.all(tokens.map((_t, i) => frames.lookup({ tabId: 3, frameId: i + 1 })));
    expect(found.every((binding) => binding !== null)).toBe(true);
  });
});
