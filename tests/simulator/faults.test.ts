import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultEngine } from './faults';
import { type Simulator, startSimulator } from './server';
import { simFetch, simGraphql, simHttp2, simLogin } from './test-client';

const VIEWER = 'query Viewer { viewer { username } }';

let sim: Simulator;
let cookie: string;
beforeEach(async () => {
  sim = await startSimulator();
  cookie = await simLogin(sim, 'alice');
});
afterEach(() => sim.close());

const config = async (body: unknown) => {
  const res = await simFetch(sim, 'https://api.wandb.ai/__sim/config', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

describe('POST /__sim/config', () => {
  it('returns the full config after a partial update and names unknown keys', async () => {
    const ok = await config({ latencyMs: 5, retryAfterSeconds: 3 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      latencyMs: 5,
      rateLimit: null,
      errorRate: 0,
      dropRate: 0,
      expireSessionAfter: null,
      strictVerified: false,
      rejectField: null,
      scimPaths: 'both',
      randomSeed: 1,
      rateLimitNext: 0,
      errorNext: 0,
      dropNext: 0,
      retryAfterSeconds: 3,
    });
    const bad = await config({ latency: 5, burst: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('unknown config key(s): latency, burst');
    const wrong = await config({ errorRate: 2 });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/^errorRate: /);
  });
});

describe('injected faults', () => {
  it('rateLimitNext answers 429 with Retry-After, then the next request succeeds', async () => {
    await config({ rateLimitNext: 1, retryAfterSeconds: 7 });
    const limited = await simGraphql(sim, VIEWER, {}, { cookie });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.errors![0]!.message).toBe('rate limit exceeded');
    const next = await simGraphql(sim, VIEWER, {}, { cookie });
    expect(next.status).toBe(200);
    expect(
      sim
        .requests()
        .filter((e) => e.kind === 'graphql')
        .map((e) => [e.status, e.fault]),
    ).toEqual([
      [429, 'rate-limited'],
      [200, null],
    ]);
  });

  it('applies faults to SCIM too, with a SCIM error body', async () => {
    const key = sim.apiKeys().find((k) => k.owner === 'alice')!.secret;
    sim.setConfig({ rateLimitNext: 1 });
    const res = await simFetch(sim, 'https://api.wandb.ai/scim/Users', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '429',
    });
  });

  it('errorNext answers 503 and never touches /__sim or page requests', async () => {
    sim.setConfig({ errorNext: 1 });
    expect((await simFetch(sim, 'https://api.wandb.ai/__sim/state')).status).toBe(200);
    expect((await simFetch(sim, 'https://wandb.ai/home')).status).toBe(200);
    expect((await simGraphql(sim, VIEWER, {}, { cookie })).status).toBe(503);
    expect((await simGraphql(sim, VIEWER, {}, { cookie })).status).toBe(200);
  });

  it('dropNext drops an HTTP/1.1 request without an answer and logs it', async () => {
    sim.setConfig({ dropNext: 1 });
    await expect(simGraphql(sim, VIEWER, {}, { cookie })).rejects.toThrow('fetch failed');
    expect((await simGraphql(sim, VIEWER, {}, { cookie })).status).toBe(200);
    const dropped = sim.requests().find((e) => e.fault === 'dropped')!;
    expect(dropped).toMatchObject({ kind: 'graphql', operationName: 'Viewer', status: null });
  });

  it('over HTTP/2 drops only the one stream; other multiplexed requests on the connection survive', async () => {
    const conn = simHttp2(sim, 'api.wandb.ai');
    try {
      sim.setConfig({ dropNext: 1, latencyMs: 50 });
      const post = () =>
        conn.fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ query: VIEWER }),
        });
      const results = await Promise.allSettled([post(), post(), post()]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
      for (const r of results.slice(1)) {
        const body = await (r as PromiseFulfilledResult<Response>).value.json();
        expect(body).toEqual({ data: { viewer: { username: 'alice' } } });
      }
      const entries = sim.requests().filter((e) => e.kind === 'graphql');
      expect(entries.every((e) => e.httpVersion === '2.0')).toBe(true);
      expect(entries.map((e) => e.fault)).toEqual(['dropped', null, null]);
    } finally {
      await conn.close();
    }
  });

  it('latencyMs delays each API answer', async () => {
    sim.setConfig({ latencyMs: 250 });
    const started = performance.now();
    expect((await simGraphql(sim, VIEWER, {}, { cookie })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    // Simulator endpoints are not delayed: with ten minutes of latency this one still answers.
    sim.setConfig({ latencyMs: 600_000 });
    expect((await simFetch(sim, 'https://api.wandb.ai/__sim/requests')).status).toBe(200);
  });

  it('rateLimit N lets N requests through per rolling second and answers 429 to the rest', async () => {
    sim.setConfig({ rateLimit: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await simGraphql(sim, VIEWER, {}, { cookie })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('FaultEngine', () => {
  it('draws errorRate and dropRate from a seeded PRNG: the same seed fails the same requests', () => {
    const run = (seed: number) => {
      const engine = new FaultEngine({ errorRate: 0.3, dropRate: 0.2, randomSeed: seed });
      return Array.from({ length: 40 }, () => engine.decide().fault);
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
    expect(a.filter((f) => f === 'server-error').length).toBeGreaterThan(4);
    expect(a.filter((f) => f === 'dropped').length).toBeGreaterThan(2);
    expect(a.filter((f) => f === null).length).toBeGreaterThan(15);
  });

  it('uses a rolling one-second window for rateLimit', () => {
    let now = 0;
    const engine = new FaultEngine({ rateLimit: 2 }, () => now);
    expect([engine.decide(), engine.decide(), engine.decide()].map((d) => d.fault)).toEqual([
      null,
      null,
      'rate-limited',
    ]);
    now = 999;
    expect(engine.decide().fault).toBe('rate-limited');
    now = 1001;
    expect(engine.decide().fault).toBeNull();
  });
});
