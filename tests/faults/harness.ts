/**
 * The fault table's harness: the real background modules (bulk-invite jobs, directory jobs,
 * offboarding) run in-process against the real simulator over HTTPS, with WXT's fakeBrowser for
 * storage. A "worker" is one set of background instances with its own fetch; stopping it makes
 * every request it has in flight, and every one it starts later, go unanswered for ever — what a
 * service worker the browser stopped sees — and a fresh worker then picks the work up from storage.
 */
import type { FetchLike } from '@/lib/wandb/graphql';
import type { SimConfig } from '../simulator/faults';
import { mulberry32 } from '../simulator/generate';
import type { RequestLogEntry } from '../simulator/server';
import { type Simulator, startSimulator } from '../simulator/server';
import { simFetch, simLogin } from '../simulator/test-client';

export const APP_ORIGIN = 'https://wandb.ai';
export const ORG = 'acme';
export const ADMIN = 'alice';

/** A fault column of the table. */
export type FaultId =
  | 'none'
  | 'rate-limit-storm'
  | 'server-errors'
  | 'dropped'
  | 'latency-spike'
  | 'session-expiry'
  | 'worker-stopped'
  | 'tab-closed';

export interface FaultSpec {
  id: FaultId;
  title: string;
  /** What the simulator is told, in words (for the table). */
  setup: string;
}

/** Fixed seeds and counts: the same run faults the same way every time (see RELIABILITY.md). */
export const FAULTS: readonly FaultSpec[] = [
  { id: 'none', title: 'No fault (baseline)', setup: 'no fault' },
  {
    id: 'rate-limit-storm',
    title: '429 storm with Retry-After',
    setup:
      '`rateLimit: 8, retryAfterSeconds: 1`: more than 8 API requests in any rolling second answer 429 `Retry-After: 1`, for the whole job',
  },
  {
    id: 'server-errors',
    title: '20 % 5xx',
    setup: '`errorRate: 0.2, randomSeed: 20`: one API request in five answers 500 or 503 (seeded)',
  },
  {
    id: 'dropped',
    title: '10 % dropped connections',
    setup: '`dropRate: 0.1, randomSeed: 10`: one API request in ten is dropped without an answer (seeded)',
  },
  {
    id: 'latency-spike',
    title: '2 s latency spike',
    setup: '`latencyMs: 2000` from the start of the job for 2.5 s, then `latencyMs: 0`',
  },
  {
    id: 'session-expiry',
    title: 'Session expiry mid-job',
    setup: '`expireSessionAfter: N` (N per tool, mid-job): every W&B session ends; the admin signs in again',
  },
  {
    id: 'worker-stopped',
    title: 'Worker stopped mid-job',
    setup:
      'a gate holds a write (or read) after W&B processed it; the worker is stopped, and a fresh one resumes from storage',
  },
  {
    id: 'tab-closed',
    title: 'Tab closed mid-job',
    setup: 'a gate holds a request while the tab that started the job goes away; a new tab looks',
  },
];

/** What a cell measured, for the table. */
export interface Figures {
  /** API requests (GraphQL and SCIM) the simulator received during the cell. */
  requests: number;
  /** Of those, answered with a fault (429, 5xx, dropped, session expired): each one retried or reported. */
  faulted: number;
  /** Writes W&B carried out (mutations and SCIM writes with result ok). */
  writes: number;
  /** Times the admin had to act again (sign in, resume, run a step again, start the load again). */
  adminActions: number;
  durationMs: number;
  /** One line on what the cell saw. */
  note: string;
}

export function faultConfig(id: FaultId): Partial<SimConfig> {
  switch (id) {
    case 'rate-limit-storm':
      return { rateLimit: 8, retryAfterSeconds: 1 };
    case 'server-errors':
      return { errorRate: 0.2, randomSeed: 20 };
    case 'dropped':
      return { dropRate: 0.1, randomSeed: 10 };
    case 'latency-spike':
      return { latencyMs: 2000 };
    default:
      return {};
  }
}

/** A never-settling promise: what a stopped worker's code waits on. */
const never = <T>() => new Promise<T>(() => {});

export interface Worker {
  /** fetch with the admin's current session cookie. */
  sessionFetch: FetchLike;
  /** fetch with the caller's headers only (the admin key's requests). */
  plainFetch: FetchLike;
  stop(): void;
}

export interface Env {
  sim: Simulator;
  /** Starts a worker: its requests go to the simulator until it is stopped. */
  worker(): Worker;
  /** Signs the admin in again (a new session cookie for every worker). */
  signInAgain(): Promise<void>;
  /** API requests since the cell started. */
  apiLog(): RequestLogEntry[];
  figures(startedAt: number, adminActions: number, note: string): Figures;
  /** Applies the fault's simulator settings; the latency spike ends by itself after 2.5 s. */
  applyFault(id: FaultId): void;
  close(): Promise<void>;
}

export async function createEnv(): Promise<Env> {
  const sim = await startSimulator({});
  let cookie = await simLogin(sim, ADMIN);
  sim.clearRequests();
  const timers: ReturnType<typeof setTimeout>[] = [];
  // Closing the cell stops every worker, so a job left running by a failed cell writes nothing later.
  const stops: (() => void)[] = [];

  const toSim =
    (withCookie: boolean, alive: () => boolean): FetchLike =>
    (url, init) => {
      if (!alive()) return never();
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const request = simFetch(sim, url, {
        method: init.method ?? 'GET',
        headers: withCookie ? { ...headers, cookie } : headers,
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
      });
      return request.then(
        (response) => (alive() ? response : never()),
        (error: unknown) => (alive() ? Promise.reject(error) : never()),
      );
    };

  const apiLog = () => sim.requests().filter((e) => e.kind === 'graphql' || e.kind === 'scim');

  return {
    sim,
    worker() {
      let alive = true;
      stops.push(() => {
        alive = false;
      });
      return {
        sessionFetch: toSim(true, () => alive),
        plainFetch: toSim(false, () => alive),
        stop: () => {
          alive = false;
        },
      };
    },
    async signInAgain() {
      sim.setConfig({ expireSessionAfter: null });
      cookie = await simLogin(sim, ADMIN);
    },
    apiLog,
    figures(startedAt, adminActions, note) {
      const log = apiLog();
      return {
        requests: log.length,
        faulted: log.filter((e) => e.fault !== null).length,
        writes: log.filter((e) => e.result === 'ok').length,
        adminActions,
        durationMs: performance.now() - startedAt,
        note,
      };
    },
    applyFault(id) {
      sim.setConfig(faultConfig(id));
      if (id === 'latency-spike') timers.push(setTimeout(() => sim.setConfig({ latencyMs: 0 }), 2500));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const stop of stops) stop();
      await sim.close();
    },
  };
}

/** Polls `check` every 25 ms until it returns a value (not undefined); throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Math.random from a fixed seed for the cell (backoff jitter, ids), restored by vitest's restoreMocks. */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

/** `n` distinct items of `list`, counted. */
export function countBy<T>(list: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
