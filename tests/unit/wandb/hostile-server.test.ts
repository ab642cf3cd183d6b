/**
 * A hostile (or broken) server cannot exhaust the worker: response bodies are capped and paged
 * reads stop after a bounded number of pages, each with a typed error. Against the in-process
 * simulator's hostile modes (tests/simulator/hostile.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createActivityReader } from '@/lib/wandb/activity';
import { isWandbError } from '@/lib/wandb/errors';
import { createGraphqlTransport, type FetchLike, fetchText } from '@/lib/wandb/graphql';
import { DEFAULT_PAGE_LIMITS, MAX_RESPONSE_BYTES } from '@/lib/wandb/limits';
import { VIEWER_QUERY } from '@/lib/wandb/operations';
import { viewerDataSchema } from '@/lib/wandb/schemas';
import { createScimClient } from '@/lib/wandb/scim';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch, simLogin } from '@/tests/simulator/test-client';

let sim: Simulator;
let cookie: string;
let sent: number;

beforeAll(async () => {
  sim = await startSimulator({});
  cookie = await simLogin(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.hostile.set({});
  sent = 0;
});

const viaSim =
  (withCookie: boolean): FetchLike =>
  (url, init) => {
    sent++;
    const headers = { ...Object.fromEntries(new Headers(init.headers).entries()) };
    return simFetch(sim, url, {
      method: init.method ?? 'GET',
      headers: withCookie ? { ...headers, cookie } : headers,
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    });
  };
const noWait = { sleep: async () => {}, random: () => 0 };
const scim = (limits = {}) =>
  createScimClient({
    apiOrigin: 'https://api.wandb.ai',
    credentials: {
      scheme: 'basic',
      kind: 'user',
      username: 'alice',
      key: deriveApiKeySecret('org-1', 'alice', 'alice-admin-key'),
    },
    fetch: viaSim(false),
    retry: noWait,
    ...limits,
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('page loops are capped', () => {
  it('SCIM listAllUsers against endless pages stops after maxPages with too-many-pages', async () => {
    sim.hostile.set({ endlessCursors: true });
    const error = await failure(
      scim({ pageLimits: { maxPages: 12, maxItems: 100_000 } }).listAllUsers({ pageSize: 2 }),
    );
    expect(isWandbError(error, 'too-many-pages')).toBe(true);
    expect((error as Error).message).toMatch(/more than 12 pages/);
    expect(sent).toBe(12);
  });

  it('SCIM listAllUsers stops at maxItems too', async () => {
    sim.hostile.set({ endlessCursors: true });
    const error = await failure(
      scim({ pageLimits: { maxPages: 1000, maxItems: 10 } }).listAllUsers({ pageSize: 2 }),
    );
    expect(isWandbError(error, 'too-many-pages')).toBe(true);
    expect((error as Error).message).toMatch(/more than 10 items/);
    expect(sent).toBeLessThanOrEqual(6);
  });

  it('the activity read against endless project cursors stops with too-many-pages', async () => {
    sim.hostile.set({ endlessCursors: true });
    expect(sim.state.toSeed().projects?.filter((p) => p.team === 'vision').length).toBeGreaterThanOrEqual(2);
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch: viaSim(true),
    });
    const reader = createActivityReader(transport, {
      projectsPerPage: 1,
      pageLimits: { maxPages: 8, maxItems: 100_000 },
    });
    const error = await failure(reader.latestHeartbeats(['vision']));
    expect(isWandbError(error, 'too-many-pages')).toBe(true);
    expect(sent).toBeLessThanOrEqual(8 + 1);
  });

  it('has defaults that bound every loop', () => {
    expect(DEFAULT_PAGE_LIMITS.maxPages).toBeGreaterThan(0);
    expect(DEFAULT_PAGE_LIMITS.maxItems).toBeGreaterThan(0);
  });
});

describe('response bodies are capped', () => {
  it('a GraphQL answer larger than the cap is a too-large error', async () => {
    sim.hostile.set({ hugeBodyBytes: 3 * 1024 * 1024 });
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch: viaSim(true),
      maxResponseBytes: 1024 * 1024,
    });
    const error = await failure(transport.request(VIEWER_QUERY, {}, viewerDataSchema));
    expect(isWandbError(error, 'too-large')).toBe(true);
    expect((error as Error).message).toMatch(/more than 1 MB/);
  });

  it('a SCIM answer larger than the cap is a too-large error, and is not retried', async () => {
    sim.hostile.set({ hugeBodyBytes: 3 * 1024 * 1024 });
    const error = await failure(scim({ maxResponseBytes: 1024 * 1024 }).listUsers({ count: 1 }));
    expect(isWandbError(error, 'too-large')).toBe(true);
    expect(sent).toBe(1);
  });

  it('the default cap stops an endless stream without reading it all', async () => {
    let produced = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        produced += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const fetch: FetchLike = async () => new Response(endless, { status: 200 });
    const error = await failure(
      fetchText(fetch, 'https://api.wandb.ai/graphql', {}, { timeoutMs: 30_000, endpoint: 'x' }),
    );
    expect(isWandbError(error, 'too-large')).toBe(true);
    expect(produced).toBeLessThanOrEqual(MAX_RESPONSE_BYTES + 4 * chunk.byteLength);
  });

  it('an ordinary answer still reads whole', async () => {
    sim.hostile.set({});
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch: viaSim(true),
    });
    expect((await transport.request(VIEWER_QUERY, {}, viewerDataSchema)).viewer?.username).toBe('alice');
  });
});
