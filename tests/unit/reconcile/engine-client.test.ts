/** The dialog's side of the engine: each call gets its own reply; a worker that stops fails what is waiting. */
import { describe, expect, it } from 'vitest';
import { emptyMapping } from '@/lib/invite/columns';
import type { EngineReply, EngineRequest } from '@/lib/reconcile/engine';
import { startReconcileEngine } from '@/lib/reconcile/engine-client';

const ann = {
  username: 'ann',
  name: 'Ann',
  email: 'ann@acme.test',
  orgRole: 'member',
  modelsSeat: 'full',
  weaveAccess: 'full',
  status: 'active' as const,
  accountType: 'user' as const,
  teams: '',
  lastActiveAt: '',
};

describe('startReconcileEngine', () => {
  it('without workers runs the engine on this thread, the same requests and replies', async () => {
    const engine = startReconcileEngine();
    expect(await engine.addMembers([ann], [], true)).toBe(1);
    const read = await engine.read({ text: 'email,status\nbob@acme.test,Active' }, {});
    expect(read).toMatchObject({ ok: true, rows: 1, format: 'csv' });
    const { result } = await engine.reconcile({ ...emptyMapping(), email: 0, idpStatus: 1 }, [], []);
    expect(result.orphans.map((row) => row.username)).toEqual(['ann']);
    expect(result.notMembers.map((row) => row.email)).toEqual(['bob@acme.test']);
  });

  it('answers each call with the reply of its own request, whatever the order; an error reply rejects that call only', async () => {
    const sent: EngineRequest[] = [];
    let deliver: (reply: EngineReply) => void = () => {};
    const engine = startReconcileEngine((reply) => {
      deliver = reply;
      return { post: (request) => sent.push(request), close: () => {} };
    });
    const first = engine.addMembers([ann], [], true);
    const second = engine.read({ text: 'x' }, {});
    const [a, b] = sent;
    deliver({ type: 'read', seq: b!.seq, read: { ok: false, error: { message: 'nothing' } } });
    deliver({ type: 'error', seq: a!.seq, message: 'refused' });
    await expect(second).resolves.toEqual({ ok: false, error: { message: 'nothing' } });
    await expect(first).rejects.toThrow('refused');
  });

  it('a worker that stops fails every call waiting for it, and closing fails the rest', async () => {
    let fail: (message: string) => void = () => {};
    const engine = startReconcileEngine((_deliver, onFail) => {
      fail = onFail;
      return { post: () => {}, close: () => {} };
    });
    const waiting = [engine.addMembers([], [], true), engine.read({ text: 'x' }, {})];
    fail('The reconciliation worker stopped: it could not be started.');
    for (const call of waiting) await expect(call).rejects.toThrow('could not be started');
    const later = engine.read({ text: 'y' }, {});
    engine.close();
    await expect(later).rejects.toThrow('closed');
  });
});
