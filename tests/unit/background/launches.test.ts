import { describe, expect, it } from 'vitest';
import { createLaunches, LAUNCH_TTL_MS } from '@/lib/background/launches';

describe('launches: a tool a new tab opens once its toolkit frame says hello', () => {
  it('is taken once, by its own tab only', () => {
    const launches = createLaunches(() => 1_000);
    launches.set(7, { tool: 'offboard', arg: 'case-1' });
    expect(launches.take(8)).toBeUndefined();
    expect(launches.take(7)).toEqual({ tool: 'offboard', arg: 'case-1' });
    // A reload of the same tab opens nothing more.
    expect(launches.take(7)).toBeUndefined();
  });

  it('is forgotten once older than LAUNCH_TTL_MS', () => {
    let now = 0;
    const launches = createLaunches(() => now);
    launches.set(7, { tool: 'offboard', arg: 'case-1' });
    launches.set(9, { tool: 'offboard', arg: 'case-2' });
    now = LAUNCH_TTL_MS;
    expect(launches.take(7)).toEqual({ tool: 'offboard', arg: 'case-1' });
    now = LAUNCH_TTL_MS + 1;
    expect(launches.take(9)).toBeUndefined();
  });
});
