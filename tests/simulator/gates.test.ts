import type { ClientRequest } from 'node:http';
import https from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREATE_INVITE_MUTATION } from '@/lib/wandb/operations';
import { type Simulator, startSimulator } from './server';
import { simFetch, simGraphql, simLogin } from './test-client';

const VIEWER = 'query Viewer { viewer { username } }';

let sim: Simulator;
let cookie: string;
beforeEach(async () => {
  sim = await startSimulator();
  cookie = await simLogin(sim, 'alice');
});
afterEach(() => sim.close());

const invite = (email: string) =>
  simGraphql(sim, CREATE_INVITE_MUTATION, { entity: 'vision', email, admin: false }, { cookie });
const invitedEmails = () =>
  sim.state
    .toSeed()
    .invites.map((i) => i.email)
    .filter((email) => email.startsWith('gate'));
/** Settles whatever is pending on the event loop, so a request that could go on would have. */
const roundTrip = () => simGraphql(sim, VIEWER, {}, { cookie });

describe('request gates', () => {
  it('holds the next matching requests on arrival (nothing changes) until released; later ones pass', async () => {
    const gate = sim.hold({ operation: 'CreateInvite', count: 2 });
    const first = invite('gate1@acme.test');
    const second = invite('gate2@acme.test');
    await gate.waitForHeld(2);
    // Other operations are not held, and the held ones have changed nothing yet.
    expect((await roundTrip()).status).toBe(200);
    expect(invitedEmails()).toEqual([]);
    // The gate has captured its two: a third invite passes it.
    expect((await invite('gate3@acme.test')).status).toBe(200);
    expect(invitedEmails()).toEqual(['gate3@acme.test']);

    expect(gate.release(1)).toBe(1);
    expect((await first).status).toBe(200);
    expect(invitedEmails()).toEqual(['gate3@acme.test', 'gate1@acme.test']);
    expect(gate.held).toBe(1);
    gate.open();
    expect((await second).status).toBe(200);
    expect(gate).toMatchObject({ captured: 2, held: 0 });
  });

  it('in the answer phase, the write is done but its answer waits', async () => {
    const gate = sim.hold({ operation: 'CreateInvite', count: 1, phase: 'answer' });
    let answered = false;
    const pending = invite('gate-answer@acme.test').then((reply) => {
      answered = true;
      return reply;
    });
    await gate.waitForHeld(1);
    expect(invitedEmails()).toEqual(['gate-answer@acme.test']);
    await roundTrip();
    expect(answered).toBe(false);
    gate.release();
    expect((await pending).body.data?.result).toMatchObject({ invite: { email: 'gate-answer@acme.test' } });
  });

  it('records how many other API requests were in flight when each arrived', async () => {
    const gate = sim.hold({ operation: 'CreateInvite', count: 3 });
    const all = ['gate-a@acme.test', 'gate-b@acme.test', 'gate-c@acme.test'].map(invite);
    await gate.waitForHeld(3);
    gate.release();
    await Promise.all(all);
    await roundTrip();
    const creates = sim.requests().filter((r) => r.operationName === 'CreateInvite');
    expect(creates.map((r) => r.concurrent)).toEqual([0, 1, 2]);
    expect(sim.requests().at(-1)).toMatchObject({ operationName: 'Viewer', concurrent: 0 });
  });

  it('a held request whose client went away is answered into the void without harm', async () => {
    const gate = sim.hold({ operation: 'Viewer', count: 1, phase: 'answer' });
    const request = viewerOverHttp1();
    await gate.waitForHeld(1);
    expect(gate.abandoned).toBe(0);
    request.destroy();
    await gate.waitForAbandoned(1);
    gate.release();
    expect((await roundTrip()).status).toBe(200);
  });

  it('is driven over HTTP too: POST /__sim/gates, GET lists it, release and open by id', async () => {
    const post = async (path: string, body: unknown) => {
      const res = await simFetch(sim, `https://api.wandb.ai${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const bad = await post('/__sim/gates', { operation: 'CreateInvite', count: 0, phase: 'later' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.join(' ')).toMatch(/count: .*phase: /);
    const made = await post('/__sim/gates', { operation: 'CreateInvite', count: 2 });
    expect(made).toEqual({
      status: 200,
      body: {
        id: 1,
        operation: 'CreateInvite',
        count: 2,
        phase: 'arrival',
        captured: 0,
        held: 0,
        abandoned: 0,
      },
    });
    const pending = [invite('gate-h1@acme.test'), invite('gate-h2@acme.test')];
    await expect
      .poll(async () => (await (await simFetch(sim, 'https://api.wandb.ai/__sim/gates')).json())[0].held)
      .toBe(2);
    expect(await post('/__sim/gates/1/release', { count: 1 })).toEqual({
      status: 200,
      body: { id: 1, released: 1 },
    });
    expect((await pending[0]!).status).toBe(200);
    expect(await post('/__sim/gates/1/open', {})).toEqual({ status: 200, body: { id: 1, released: 'all' } });
    expect((await pending[1]!).status).toBe(200);
    expect((await post('/__sim/gates/9/release', {})).status).toBe(404);
    expect(invitedEmails()).toEqual(['gate-h1@acme.test', 'gate-h2@acme.test']);
  });

  it('closing the simulator releases whatever is held', async () => {
    const gate = sim.hold({ operation: 'CreateInvite', count: 1 });
    const held = invite('gate-close@acme.test').catch(() => 'closed');
    await gate.waitForHeld(1);
    await sim.close();
    expect(gate.held).toBe(0);
    await held;
  });
});

/** A Viewer query over HTTP/1.1 whose connection the caller can cut. */
function viewerOverHttp1(): ClientRequest {
  const request = https.request({
    host: '127.0.0.1',
    port: sim.port,
    method: 'POST',
    path: '/graphql',
    servername: 'api.wandb.ai',
    rejectUnauthorized: false,
    agent: false,
    headers: {
      host: 'api.wandb.ai',
      'content-type': 'application/json',
      'x-origin': 'https://wandb.ai',
      cookie,
    },
  });
  request.on('error', () => {});
  request.end(JSON.stringify({ query: VIEWER }));
  return request;
}
