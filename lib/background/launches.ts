/**
 * A tool the background has asked a W&B tab to open once that tab's toolkit frame says hello: the
 * action popup's "Open the case" opens the org's members page in a new tab, and the offboarding
 * checklist opens there on that case. Kept for the tab only, taken once, and forgotten after
 * LAUNCH_TTL_MS (a tab whose toolkit never loads does not open a tool days later).
 */
export interface Launch {
  /** A tool id of the registry (lib/toolkit/registry.ts). */
  tool: string;
  /** What the tool opens on (for offboarding: a case id). */
  arg: string;
}

export const LAUNCH_TTL_MS = 2 * 60_000;

export function createLaunches(now: () => number = Date.now) {
  const pending = new Map<number, { launch: Launch; at: number }>();
  return {
    set(tabId: number, launch: Launch): void {
      pending.set(tabId, { launch, at: now() });
    },
    /** The tab's launch, once; undefined when none is pending or it is too old. */
    take(tabId: number): Launch | undefined {
      const entry = pending.get(tabId);
      pending.delete(tabId);
      return entry && now() - entry.at <= LAUNCH_TTL_MS ? entry.launch : undefined;
    },
  };
}

export type Launches = ReturnType<typeof createLaunches>;
