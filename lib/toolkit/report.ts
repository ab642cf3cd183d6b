/** Logs a toolkit failure once, tagged with the feature id; never thrown into the W&B page. */
export function reportFailure(feature: string, error: unknown): void {
  console.warn(`[wandb-admin-toolkit:${feature}]`, error instanceof Error ? error.message : String(error));
}
