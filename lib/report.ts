/**
 * The one place a failure that is not answered to a caller goes (the UI's and the background's):
 * logged once per tool and message, tagged with the tool, never thrown into the W&B page and never
 * with a payload. `tool` is a tool id or the part of the core that failed.
 */
const reported = new Set<string>();

export function reportFailure(tool: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const key = `${tool}\n${message}`;
  if (reported.has(key)) return;
  // Bounded: a worker that runs for days must not grow this set without end.
  if (reported.size >= 500) reported.clear();
  reported.add(key);
  console.warn(`[wandb-admin-toolkit:${tool}]`, message);
}
