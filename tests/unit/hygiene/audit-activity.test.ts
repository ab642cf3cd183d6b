// @vitest-environment happy-dom
/**
 * Seat hygiene with W&B's audit logs: last activity becomes each member's latest audit entry, the
 * windows are read with progress, more days read more, and a refusal falls back with W&B's words.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuditActivity } from '@/components/hygiene/useAuditActivity';
import { withAuditActivity } from '@/lib/hygiene/audit-activity';
import { hygieneLists } from '@/lib/hygiene/lists';
import { sendMessage } from '@/lib/messaging/protocol';
import type { ActorActivity } from '@/lib/wandb/audit-windows';
import { directoryOf, member } from '../export/fixtures';

vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

const NOW = new Date('2026-12-04T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const PAGE = 'https://wandb.ai/account-settings/acme/members';

describe('withAuditActivity', () => {
  const directory = directoryOf(
    [
      member({ username: 'ann', lastActiveAt: daysAgo(200) }), // the session says inactive; W&B's log says 5 days
      member({ username: 'bea', lastActiveAt: daysAgo(2) }), // the session says active; nothing in the log read
      member({ username: 'cal', email: 'Cal@Acme.test', lastActiveAt: null }),
      member({ username: 'dan', email: null, id: 'user-7', lastActiveAt: null }),
    ],
    [],
  );
  const latest: ActorActivity[] = [
    { email: 'ann@acme.test', userId: 'user-1', at: daysAgo(5), action: 'team:invite_user' },
    { email: 'cal@acme.test', userId: 'user-3', at: daysAgo(40), action: 'user:login' },
    { email: null, userId: 'user-7', at: daysAgo(1), action: 'run:update' },
  ];

  it('makes each member’s latest audit entry their last activity (email in any case, else id), none when absent', () => {
    const read = withAuditActivity(directory, latest);
    expect(read.members.map((m) => [m.username, m.lastActiveAt])).toEqual([
      ['ann', daysAgo(5)],
      ['bea', null],
      ['cal', daysAgo(40)],
      ['dan', daysAgo(1)],
    ]);
    expect(hygieneLists(read, 30, NOW).inactive.map((m) => m.username)).toEqual(['bea', 'cal']);
    expect(hygieneLists(directory, 30, NOW).inactive.map((m) => m.username)).toEqual(['ann', 'cal', 'dan']);
  });
});

type Reply = Awaited<ReturnType<typeof sendMessage>>;
const windowReply = (payload: { startDate: string; numDays: number }, latest: ActorActivity[] = []): Reply =>
  ({
    ok: true,
    data: {
      summary: 'latest',
      latest,
      window: { startDate: payload.startDate, numDays: payload.numDays, endDate: payload.startDate },
      rangeStart: `${payload.startDate}T00:00:00.000Z`,
      rangeEnd: new Date(
        Date.parse(`${payload.startDate}T00:00:00Z`) + (payload.numDays + 1) * 86_400_000,
      ).toISOString(),
      pages: 1,
      count: latest.length,
    },
  }) as Reply;

describe('useAuditActivity', () => {
  beforeEach(() => {
    send.mockReset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('reads the windows one message each, shows progress, and says which days it read', async () => {
    const asked: unknown[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    send.mockImplementation((async (_type: string, payload: { startDate: string; numDays: number }) => {
      asked.push(payload);
      if (asked.length === 2) await held;
      return windowReply(
        payload,
        asked.length === 1
          ? [{ email: 'ann@acme.test', userId: null, at: daysAgo(1), action: 'user:login' }]
          : [],
      );
    }) as never);
    const { result } = renderHook(() => useAuditActivity(PAGE, 90));
    await waitFor(() => expect(result.current).toEqual({ status: 'reading', done: 1, total: 13 }));
    act(() => release());
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current).toMatchObject({
      status: 'ready',
      read: 'W&B audit logs, 2026-09-05 – 2026-12-04, 13 windows',
      days: 90,
      covered: true,
      latest: [{ email: 'ann@acme.test', at: daysAgo(1) }],
    });
    expect(asked).toHaveLength(13);
    expect(asked[0]).toEqual({ pageUrl: PAGE, startDate: '2026-11-28', numDays: 6, summary: 'latest' });
    expect(send.mock.calls.every(([type]) => type === 'wandbAuditWindow')).toBe(true);
  });

  it('reads more only when more days are asked for than were read', async () => {
    send.mockImplementation((async (_type: string, payload: { startDate: string; numDays: number }) =>
      windowReply(payload)) as never);
    const { result, rerender } = renderHook(({ days }) => useAuditActivity(PAGE, days), {
      initialProps: { days: 30 },
    });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(send).toHaveBeenCalledTimes(5);
    rerender({ days: 10 });
    expect(result.current).toMatchObject({ status: 'ready', days: 30 });
    expect(send).toHaveBeenCalledTimes(5);
    rerender({ days: 60 });
    await waitFor(() => expect(result.current).toMatchObject({ status: 'ready', days: 60 }), {
      timeout: 3000,
    });
    expect(send).toHaveBeenCalledTimes(5 + 9);
  });

  it('stops at the first refusal and keeps W&B’s words as the reason it falls back', async () => {
    send.mockImplementation((async () => ({
      ok: false,
      error: {
        kind: 'not-admin',
        message:
          'W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs".',
      },
    })) as never);
    const { result, rerender } = renderHook(({ days }) => useAuditActivity(PAGE, days), {
      initialProps: { days: 90 },
    });
    await waitFor(() => expect(result.current.status).toBe('fallback'));
    expect(result.current).toEqual({
      status: 'fallback',
      reason:
        'W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs".',
    });
    expect(send).toHaveBeenCalledTimes(1);
    rerender({ days: 120 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not read more than 366 days, and says so', async () => {
    const { result } = renderHook(() => useAuditActivity(PAGE, 400));
    expect(result.current).toEqual({
      status: 'fallback',
      reason: "W&B's audit logs are read for at most 366 days, not 400.",
    });
    expect(send).not.toHaveBeenCalled();
  });
});
