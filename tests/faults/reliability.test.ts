/**
 * The fault table: every tool × every fault, each cell a test against a fresh in-process simulator,
 * and docs/RELIABILITY.md written from what the run saw (pass or fail, and the figures). Run by
 * `npm run test:faults`; a failing cell fails the run and is written as failed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeEach, describe, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { exportCell } from './export-cell';
import { createEnv, type Env, FAULTS, type FaultId, type Figures, seededRandom } from './harness';
import { inviteCell } from './invite-cell';
import { offboardingCell } from './offboarding-cell';
import { type CellResult, renderReliability, TOOLS, type ToolId } from './table';

const CELLS: Record<ToolId, (env: Env, fault: FaultId) => Promise<Figures>> = {
  invite: inviteCell,
  export: exportCell,
  offboarding: offboardingCell,
};

const results: CellResult[] = [];
const started = new Date();

beforeEach(() => {
  fakeBrowser.reset();
  // Backoff jitter and ids from a fixed seed, so a run retries on the same schedule each time.
  vi.spyOn(Math, 'random').mockImplementation(seededRandom(42));
});

afterAll(() => {
  const out = process.env.RELIABILITY_OUT ?? resolve(__dirname, '../../docs/RELIABILITY.md');
  writeFileSync(out, renderReliability(results, { started, node: process.version }));
});

for (const tool of TOOLS) {
  describe(tool.title, () => {
    for (const fault of FAULTS) {
      it(`${fault.title}`, async () => {
        const env = await createEnv();
        const t0 = performance.now();
        try {
          const figures = await CELLS[tool.id](env, fault.id);
          results.push({ tool: tool.id, fault: fault.id, pass: true, figures });
        } catch (error) {
          const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
          const figures = env.figures(t0, 0, '');
          results.push({ tool: tool.id, fault: fault.id, pass: false, figures, failure: message });
          throw error;
        } finally {
          await env.close();
        }
      });
    }
  });
}
