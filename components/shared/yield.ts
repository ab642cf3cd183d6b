/**
 * Gives the W&B page's main thread back between slices of work (content scripts share it with the
 * page), so no slice becomes a long task. `scheduler.yield` where the browser has it.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
