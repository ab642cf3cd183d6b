/**
 * Guards of the bulk-invite handlers (`lib/invite/background.ts`) and of the port that keeps the
 * worker up while a job runs (`lib/invite/wake.ts`): a job is started, read and controlled on the
 * page's own host and org, a finished job is not "active", and a stopped worker is woken again at
 * once, but not in a tight loop (found by mutation testing, issue #17).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import type { BackgroundDeps, Verified } from '@/lib/background/deps';
import { inviteHandlers } from '@/lib/invite/background';
import type { ClassifiedRow } from '@/lib/invite/classify';
import { createInviteJob, type InviteJob } from '@/lib/invite/job';
import { inviteMessages } from '@/lib/invite/messages';
import { inviteRunsItem } from '@/lib/invite/progress-item';
import { holdWorkerForJob, INVITE_FOLLOW_PORT } from '@/lib/invite/wake';
import { newRow } from './job/fakeServer';

const HOST = 'https://wandb.acme.test';
const page = `${HOST}/account-settings/acme/members`;
const frame: Verified = {
  trusted: true,
  kind: 'toolkit-frame',
  tabId: 7,
  frameId: 4,
  binding: { appOrigin: HOST, pageUrl: page, tabId: 7, frameId: 4, at: 1 },
};

function jobWith(status: InviteJob['status']): InviteJob {
  const job = createInviteJob(
    [newRow(0, 'a@x.io', ['v']), newRow(1, 'b@x.io', ['v']), newRow(2, 'c@x.io', ['v'])],
    { id: 'job-1', org: 'acme', scope: 'org:acme', now: 0 },
  );
  return {
    ...job,
    status,
    run: { startedAt: 0, finishedAtStart: 0 },
    units: job.units.map((unit, index) => ({ ...unit, state: index === 0 ? 'invited' : 'queued' })),
  };
}

function setup(scope: object, latest: InviteJob | null = null) {
  const calls: unknown[][] = [];
  const deps = {
    scopeFor: async () => scope,
    loadSummary: async () => ({ viewer: { username: 'alice' } }),
    inviteJobs: {
      start: async (...args: unknown[]) => {
        calls.push(['start', ...args]);
        return 'job-1';
      },
      status: async (...args: unknown[]) => {
        calls.push(['status', ...args]);
        return 'status answer';
      },
      latest: async (...args: unknown[]) => {
        calls.push(['latest', ...args]);
        return latest;
      },
      control: async (...args: unknown[]) => {
        calls.push(['control', ...args]);
      },
    },
  } as unknown as BackgroundDeps;
  return { handlers: inviteHandlers.handlers(deps), calls };
}

beforeEach(() => fakeBrowser.reset());

describe('the start message', () => {
  const start = (rows: ClassifiedRow[]) =>
    inviteMessages.inviteStart.schema.safeParse({ pageUrl: page, rows });
  const scim = { ...newRow(0, 'a@x.io', ['v']), orgRole: 'admin', via: 'scim' as const };

  it('guard "SCIM creates a new person in their teams": a SCIM row with no team to send, or not new, is refused, naming the row', () => {
    expect(start([scim]).success).toBe(true);
    for (const row of [
      { ...scim, sends: [] },
      { ...scim, status: 'in-org' as const },
    ]) {
      const parsed = start([newRow(1, 'b@x.io', ['v']), row]);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['rows.1.via', 'a row created through SCIM must be new and have a team to send to'],
      ]);
    }
    expect(start([{ ...newRow(0, 'a@x.io', ['v']), status: 'member', sends: [] }]).success).toBe(true);
  });
});

describe('bulk-invite handler guards', () => {
  it('guard "a job is started for the page\'s org by the signed-in admin, keyed by its scope"', async () => {
    const rows = [newRow(0, 'a@x.io', ['v'])];
    const org = setup({ kind: 'org', org: 'acme' });
    expect(await org.handlers.inviteStart({ pageUrl: page, rows, concurrency: 2 }, frame)).toEqual({
      jobId: 'job-1',
    });
    const team = setup({ kind: 'team', team: 'vision', org: 'acme' });
    await team.handlers.inviteStart({ pageUrl: page, rows, concurrency: 1 }, frame);
    expect([...org.calls, ...team.calls]).toEqual([
      ['start', HOST, 'acme', 'org:acme', 'alice', rows, 2],
      ['start', HOST, 'acme', 'team:vision', 'alice', rows, 1],
    ]);
  });

  it('guard "a job is read and controlled on its own host"', async () => {
    const { handlers, calls } = setup({ kind: 'org', org: 'acme' }, jobWith('running'));
    expect(await handlers.inviteStatus({ pageUrl: page, inviteJobId: 'job-1' }, frame)).toBe('status answer');
    expect(await handlers.inviteLatest({ pageUrl: page }, frame)).toMatchObject({ id: 'job-1' });
    expect(
      await handlers.inviteControl({ pageUrl: page, inviteJobId: 'job-1', action: 'pause' }, frame),
    ).toEqual({
      done: true,
    });
    expect(calls).toEqual([
      ['status', 'job-1', HOST],
      ['latest', HOST, 'acme'],
      ['control', 'job-1', HOST, 'pause'],
    ]);
  });

  it('guard "only an unfinished job is active": its counts without an ETA; a done or cancelled one, or none, is null', async () => {
    const running = setup({ kind: 'org', org: 'acme' }, jobWith('paused'));
    expect(await running.handlers.inviteActive({ pageUrl: page }, frame)).toEqual({
      id: 'job-1',
      status: 'paused',
      progress: { total: 3, invited: 1, skipped: 0, failed: 0, left: 2 },
    });
    for (const job of [jobWith('done'), jobWith('cancelled'), null]) {
      const { handlers } = setup({ kind: 'org', org: 'acme' }, job);
      expect(await handlers.inviteActive({ pageUrl: page }, frame)).toBeNull();
    }
  });

  it('guard "a frame reads only its host\'s job counts"', async () => {
    const run = (id: string) => ({
      id,
      org: 'acme',
      status: 'running' as const,
      total: 1,
      invited: 0,
      skipped: 0,
      failed: 0,
      left: 1,
      lastAt: 1,
    });
    await inviteRunsItem.setValue({
      mine: { appOrigin: HOST, run: run('mine') },
      other: { appOrigin: 'https://wandb.ai', run: run('other') },
    });
    const { handlers } = setup({ kind: 'org', org: 'acme' });
    expect(await handlers.inviteRuns({ pageUrl: page }, frame)).toEqual([run('mine')]);
  });
});

describe('worker wake-up guards', () => {
  type Listener = () => void;
  let ports: { name: string; disconnected: boolean; drop: Listener }[];

  beforeEach(() => {
    vi.useFakeTimers();
    ports = [];
    vi.spyOn(browser.runtime, 'connect').mockImplementation(((info: { name: string }) => {
      const listeners: Listener[] = [];
      const port = {
        name: info.name,
        disconnected: false,
        drop: () => {
          for (const listener of listeners) listener();
        },
        onDisconnect: { addListener: (listener: Listener) => listeners.push(listener) },
        disconnect: () => {
          port.disconnected = true;
        },
      };
      ports.push(port);
      return port;
    }) as never);
  });
  afterEach(() => vi.useRealTimers());

  it('guard "a worker that stopped mid-job is woken at once": the port is opened again without waiting', () => {
    const release = holdWorkerForJob();
    expect(ports.map((port) => port.name)).toEqual([INVITE_FOLLOW_PORT]);
    vi.advanceTimersByTime(5_000);
    ports[0]?.drop();
    vi.advanceTimersByTime(0);
    expect(ports).toHaveLength(2);
    release();
  });

  it('guard "a port that lived its full second was not refused": it is opened again at once', () => {
    const release = holdWorkerForJob();
    vi.advanceTimersByTime(1_000);
    ports[0]?.drop();
    vi.advanceTimersByTime(0);
    expect(ports).toHaveLength(2);
    release();
  });

  it('guard "a refused port is tried again after a second, not in a tight loop"', () => {
    const release = holdWorkerForJob();
    ports[0]?.drop();
    vi.advanceTimersByTime(999);
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ports).toHaveLength(2);
    release();
  });

  it('guard "released means released": the port is closed and not opened again', () => {
    const release = holdWorkerForJob();
    vi.advanceTimersByTime(5_000);
    release();
    expect(ports[0]?.disconnected).toBe(true);
    ports[0]?.drop();
    vi.advanceTimersByTime(10_000);
    expect(ports).toHaveLength(1);
  });

  it('guard "a release during the wait stops the retry"', () => {
    const release = holdWorkerForJob();
    ports[0]?.drop();
    release();
    vi.advanceTimersByTime(10_000);
    expect(ports).toHaveLength(1);
  });
});
