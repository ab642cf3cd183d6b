/**
 * Seat hygiene's last activity from W&B's audit logs (API.md §4), read with the admin key one
 * 7-day window at a time through the background (`wandbAuditWindow`), with progress. Read when the
 * dialog opens and again when the admin asks for more days than were read; any refusal (no key for
 * the host, a key W&B refuses, no Enterprise audit logs) is kept as the reason the dialog falls
 * back to the session's signals.
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import { withAuditActivity } from '@/lib/hygiene/audit-activity';
import { type HygieneLists, hygieneListsInSlices } from '@/lib/hygiene/lists';
import { reportFailure } from '@/lib/report';
import {
  type ActorActivity,
  type AuditWindowMeta,
  auditWindows,
  coversAskedDays,
  describeAuditRead,
  MAX_AUDIT_DAYS,
  mergeLatest,
  readAuditLogs,
} from '@/lib/wandb/audit-windows';
import type { Directory } from '@/lib/wandb/directory';
import { readWindowLatest } from '../shared/wandb-audit';
import { yieldToPage } from '../shared/yield';

export type AuditActivity =
  | { status: 'idle' }
  | { status: 'reading'; done: number; total: number }
  | {
      status: 'ready';
      latest: ActorActivity[];
      /** "W&B audit logs, 2026-09-05 – 2026-12-04, 13 windows" */
      read: string;
      /** Days back the read covers. */
      days: number;
      /** False when W&B's ranges left some asked days out. */
      covered: boolean;
    }
  | { status: 'fallback'; reason: string };

/** Waits this long after the days change before reading more (typing "180" is three changes). */
const SETTLE_MS = 600;

export function useAuditActivity(pageUrl: string, days: number | null): AuditActivity {
  const [state, setState] = useState<AuditActivity>({ status: 'idle' });
  const lastRead = useRef<Extract<AuditActivity, { status: 'ready' }> | null>(null);
  const refused = useRef(false);

  useEffect(() => {
    if (days === null || refused.current) return;
    if (days > MAX_AUDIT_DAYS) {
      setState({
        status: 'fallback',
        reason: `W&B's audit logs are read for at most ${MAX_AUDIT_DAYS} days, not ${days}.`,
      });
      return;
    }
    if (lastRead.current && days <= lastRead.current.days) {
      setState(lastRead.current);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        const windows = auditWindows(days, new Date());
        setState({ status: 'reading', done: 0, total: windows.length });
        readAuditLogs({
          windows,
          signal: controller.signal,
          onProgress: ({ done, total }) => setState({ status: 'reading', done, total }),
          readWindow: (window) => readWindowLatest(pageUrl, window),
        }).then(
          (read) => {
            if (controller.signal.aborted) return;
            const metas: AuditWindowMeta[] = read;
            lastRead.current = {
              status: 'ready',
              latest: mergeLatest(read.map((window) => window.latest)),
              read: describeAuditRead(metas),
              days,
              covered: coversAskedDays(metas, new Date()),
            };
            setState(lastRead.current);
          },
          (failure: unknown) => {
            if (controller.signal.aborted) return;
            refused.current = true;
            setState({
              status: 'fallback',
              reason: failure instanceof Error ? failure.message : String(failure),
            });
          },
        );
      },
      lastRead.current === null ? 0 : SETTLE_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [pageUrl, days]);

  return state;
}

/**
 * Seat hygiene's lists for `days` (null while the days typed are no whole number), with last
 * activity from W&B's audit logs once they are read, else as the directory has it.
 */
export function useHygieneLists(
  pageUrl: string,
  directory: Directory | null,
  days: number | null,
): { lists: HygieneLists | null; audit: AuditActivity } {
  const audit = useAuditActivity(pageUrl, days);
  // Worked out in slices (50,000 members must not hold the frame); the last lists stay on screen meanwhile.
  const [lists, setLists] = useState<HygieneLists | null>(null);
  useEffect(() => {
    if (!directory || days === null) {
      setLists(null);
      return;
    }
    const controller = new AbortController();
    const read = audit.status === 'ready' ? withAuditActivity(directory, audit.latest) : directory;
    hygieneListsInSlices(read, days, new Date(), { pause: yieldToPage, signal: controller.signal }).then(
      (done) => startTransition(() => setLists(done)),
      (failure: unknown) => {
        if (!controller.signal.aborted) reportFailure('hygiene', failure);
      },
    );
    return () => controller.abort();
  }, [directory, days, audit]);
  return { lists, audit };
}
