/**
 * The reconciliation worker: a dedicated worker the Reconcile dialog starts from the extension's
 * own page, so reading the export and matching run off the W&B page's thread. It answers only
 * requests that parse (./engine.ts `engineRequestSchema`); only its own page can message it.
 */
import '../zod-setup';
import { createEngineState, type EngineReply, engineRequestSchema, handleEngineRequest } from './engine';

const state = createEngineState();
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(reply: EngineReply): void;
};

scope.onmessage = (event: MessageEvent) => {
  const parsed = engineRequestSchema.safeParse(event.data);
  const seq = typeof event.data?.seq === 'number' ? event.data.seq : -1;
  if (!parsed.success) {
    scope.postMessage({
      type: 'error',
      seq,
      message: 'The reconciliation worker was sent a request it does not know.',
    });
    return;
  }
  try {
    scope.postMessage(handleEngineRequest(state, parsed.data));
  } catch (error) {
    scope.postMessage({
      type: 'error',
      seq,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
