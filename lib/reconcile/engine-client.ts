/**
 * The dialog's side of the reconciliation engine (./engine.ts): a dedicated worker where the
 * browser has workers (every extension page does), the same code on the calling thread where it
 * has none (unit tests). Each call resolves with the engine's reply to it.
 */
import type { ColumnMapping } from '../invite/columns';
import type { InviteParseOverrides } from '../invite/parse';
import {
  createEngineState,
  type EngineReply,
  type EngineRequest,
  handleEngineRequest,
  type IdpInputRead,
  type IdpReadSummary,
} from './engine';
import type { ReconcileInvite, ReconcileMember, ReconcileResult, SamePersonLink } from './types';

export interface ReconcileEngine {
  /** Adds members and invites (in slices: the caller gives the page its thread back between them); `reset` starts over. */
  addMembers(members: ReconcileMember[], invites: ReconcileInvite[], reset: boolean): Promise<number>;
  /** Reads an export (a file's bytes are handed over, not copied). */
  read(
    input: { text: string } | { bytes: ArrayBuffer; fileName: string },
    overrides: InviteParseOverrides,
  ): Promise<IdpInputRead>;
  /** Reconciles the last input read with the members added. */
  reconcile(
    mapping: ColumnMapping,
    allowedDomains: string[],
    links: readonly SamePersonLink[],
  ): Promise<{ read: IdpReadSummary; result: ReconcileResult }>;
  close(): void;
}

type Transport = { post(request: EngineRequest, transfer: Transferable[]): void; close(): void };

/** The worker, or the calling thread when there is no `Worker`. */
function defaultTransport(deliver: (reply: EngineReply) => void, fail: (message: string) => void): Transport {
  if (typeof Worker === 'undefined') {
    const state = createEngineState();
    return {
      post: (request) => setTimeout(() => deliver(handleEngineRequest(state, request)), 0),
      close: () => {},
    };
  }
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<EngineReply>) => deliver(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    fail(`The reconciliation worker stopped: ${event.message || 'it could not be started'}.`);
  };
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    close: () => worker.terminate(),
  };
}

export function startReconcileEngine(
  makeTransport: typeof defaultTransport = defaultTransport,
): ReconcileEngine {
  let seq = 0;
  const pending = new Map<number, { resolve(reply: EngineReply): void; reject(error: Error): void }>();
  const transport = makeTransport(
    (reply) => {
      const waiting = pending.get(reply.seq);
      pending.delete(reply.seq);
      if (!waiting) return;
      if (reply.type === 'error') waiting.reject(new Error(reply.message));
      else waiting.resolve(reply);
    },
    (message) => {
      for (const waiting of pending.values()) waiting.reject(new Error(message));
      pending.clear();
    },
  );
  const ask = <T extends EngineReply['type']>(
    request: EngineRequest,
    type: T,
    transfer: Transferable[] = [],
  ): Promise<Extract<EngineReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      pending.set(request.seq, {
        resolve: (reply) =>
          reply.type === type
            ? resolve(reply as Extract<EngineReply, { type: T }>)
            : reject(new Error(`The reconciliation worker answered ${reply.type} to ${type}.`)),
        reject,
      });
      transport.post(request, transfer);
    });
  return {
    addMembers: async (members, invites, reset) =>
      (await ask({ type: 'members', seq: ++seq, reset, members, invites }, 'members')).members,
    read: async (input, overrides) =>
      (
        await ask(
          { type: 'read', seq: ++seq, input, overrides },
          'read',
          'bytes' in input ? [input.bytes] : [],
        )
      ).read,
    reconcile: async (mapping, allowedDomains, links) => {
      const reply = await ask(
        { type: 'reconcile', seq: ++seq, mapping, allowedDomains, links: [...links] },
        'reconcile',
      );
      return { read: reply.read, result: reply.result };
    },
    close: () => {
      transport.close();
      for (const waiting of pending.values()) waiting.reject(new Error('closed'));
      pending.clear();
    },
  };
}
