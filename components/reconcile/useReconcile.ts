/**
 * The Reconcile dialog's state: the directory (read through the background, then handed to the
 * reconciliation worker in slices), the same-person links (kept by the background), the input
 * (pasted text or a file, read by the worker with bulk invite's parser) and the result, worked
 * out again in the worker whenever the columns, the allowed domains or the links change.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnMapping } from '@/lib/invite/columns';
import type { InviteDelimiter } from '@/lib/invite/parse';
import { sendMessage } from '@/lib/messaging/protocol';
import type { IdpInputRead, IdpReadSummary } from '@/lib/reconcile/engine';
import { type ReconcileEngine, startReconcileEngine } from '@/lib/reconcile/engine-client';
import { reconcileInviteOf, reconcileMemberOf } from '@/lib/reconcile/members';
import type { ReconcileMember, ReconcileResult, SamePersonLink } from '@/lib/reconcile/types';
import { reportFailure } from '@/lib/report';
import { getSettings } from '@/lib/settings';
import type { DirectoryMember, LoadProgress } from '@/lib/wandb/directory';
import { loadDirectoryFromBackground } from '../shared/load-directory';
import { yieldToPage } from '../shared/yield';

const SLICE = 5_000;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export type DirectoryState =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'error'; message: string }
  | { status: 'ready'; members: DirectoryMember[]; complete: boolean; teamScope: string | null };

/** Hands the directory to the engine in slices, giving the page its thread back between them. */
async function feedEngine(
  engine: ReconcileEngine,
  members: readonly DirectoryMember[],
  invites: Parameters<typeof reconcileInviteOf>[0][],
  signal: AbortSignal,
): Promise<void> {
  let first = true;
  for (let start = 0; start < Math.max(members.length, invites.length) || first; start += SLICE) {
    signal.throwIfAborted();
    const slice = members
      .slice(start, start + SLICE)
      .map(reconcileMemberOf)
      .filter((m): m is ReconcileMember => m !== null);
    await engine.addMembers(slice, invites.slice(start, start + SLICE).map(reconcileInviteOf), first);
    first = false;
    await yieldToPage();
  }
}

function useDirectory(pageUrl: string, engine: ReconcileEngine) {
  const [directory, setDirectory] = useState<DirectoryState>({ status: 'loading', progress: null });
  const [fed, setFed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    loadDirectoryFromBackground(
      pageUrl,
      (progress) => setDirectory({ status: 'loading', progress }),
      controller.signal,
    )
      .then(async (read) => {
        await feedEngine(engine, read.members, read.invites, controller.signal);
        setDirectory({
          status: 'ready',
          members: read.members,
          complete: read.complete,
          teamScope: read.scope.kind === 'team' ? read.scope.team : null,
        });
        setFed(true);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setDirectory({ status: 'error', message: messageOf(failure) });
      });
    return () => controller.abort();
  }, [pageUrl, engine]);
  return { directory, fed };
}

function useLinks(pageUrl: string) {
  const [links, setLinks] = useState<SamePersonLink[]>([]);
  const [linkError, setLinkError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    sendMessage('reconcileLinks', { pageUrl }).then(
      (reply) => {
        if (!live) return;
        if (reply.ok) setLinks(reply.data);
        else setLinkError(reply.error.message);
      },
      (error: unknown) => reportFailure('reconcile', error),
    );
    return () => {
      live = false;
    };
  }, [pageUrl]);
  /** Sends a link change; resolves true when the background kept it. */
  const change = useCallback(
    async (send: () => ReturnType<typeof sendMessage<'reconcileLink'>>): Promise<boolean> => {
      setLinkError(null);
      try {
        const reply = await send();
        if (!reply.ok) {
          setLinkError(reply.error.message);
          return false;
        }
        setLinks(reply.data);
        return true;
      } catch (error) {
        setLinkError(messageOf(error));
        return false;
      }
    },
    [],
  );
  return {
    links,
    linkError,
    link: (member: { username: string; email: string }, idpEmail: string) =>
      change(() =>
        sendMessage('reconcileLink', {
          pageUrl,
          username: member.username,
          idpEmail,
          memberEmail: member.email,
        }),
      ),
    unlink: (username: string) => change(() => sendMessage('reconcileUnlink', { pageUrl, username })),
  };
}

type Input = { text: string } | { file: File };
type Outcome = { read: IdpReadSummary; result: ReconcileResult; from: IdpInputRead };

/** The input read by the worker, read again when the delimiter or header choice changes. */
function useInputRead(engine: ReconcileEngine) {
  const [input, setInput] = useState<Input | null>(null);
  const [delimiter, setDelimiter] = useState<InviteDelimiter | null>(null);
  const [hasHeader, setHasHeader] = useState<boolean | null>(null);
  const [read, setRead] = useState<IdpInputRead | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const blank = !input || ('text' in input && input.text.trim() === '');
  useEffect(() => {
    setRead(null);
    setReadError(null);
    if (!input || ('text' in input && input.text.trim() === '')) return;
    let live = true;
    const overrides = {
      ...(delimiter === null ? {} : { delimiter }),
      ...(hasHeader === null ? {} : { hasHeader }),
    };
    (async () => {
      const source =
        'text' in input ? input : { bytes: await input.file.arrayBuffer(), fileName: input.file.name };
      return engine.read(source, overrides);
    })().then(
      (done) => live && setRead(done),
      (error: unknown) => live && setReadError(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [engine, input, delimiter, hasHeader]);
  const restart = (next: Input | null) => {
    setInput(next);
    setDelimiter(null);
    setHasHeader(null);
  };
  return {
    input,
    restart,
    read,
    reading: !blank && read === null && readError === null,
    readError,
    setDelimiter,
    setHasHeader,
  };
}

export function useReconcile(pageUrl: string, makeEngine: () => ReconcileEngine = startReconcileEngine) {
  const [engine] = useState(makeEngine);
  useEffect(() => () => engine.close(), [engine]);
  const { directory, fed } = useDirectory(pageUrl, engine);
  const links = useLinks(pageUrl);
  const reading = useInputRead(engine);
  const [domainsText, setDomainsText] = useState('');
  useEffect(() => {
    getSettings().then(
      (settings) => setDomainsText((typed) => typed || settings.allowedEmailDomains.join(', ')),
      (failure: unknown) => reportFailure('reconcile', failure),
    );
  }, []);
  const [mappingOverride, setMappingOverride] = useState<ColumnMapping | null>(null);
  const [mappingConfirmed, setMappingConfirmed] = useState(false);
  const ready = reading.read?.ok ? reading.read : null;
  const mapping = mappingOverride ?? ready?.mapping ?? null;
  const mappingSettled =
    ready !== null && mapping?.email !== null && (ready.mappingConfident || mappingConfirmed);
  // The last result stays on screen while a change of columns, domains or links is worked out
  // (so focus in the lists is not lost), but only for the input it was computed from.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [matching, setMatching] = useState(false);
  const [matchError, setMatchError] = useState<string | null>(null);
  const computeId = useRef(0);
  useEffect(() => {
    const id = ++computeId.current;
    setMatchError(null);
    if (!fed || !ready || !mapping || !mappingSettled) {
      setMatching(false);
      return;
    }
    setMatching(true);
    const domains = domainsText.split(/[\s,;]+/).filter(Boolean);
    engine.reconcile(mapping, domains, links.links).then(
      (done) => {
        if (id !== computeId.current) return;
        setOutcome({ ...done, from: ready });
        setMatching(false);
      },
      (error: unknown) => {
        if (id !== computeId.current) return;
        setMatchError(messageOf(error));
        setMatching(false);
      },
    );
  }, [engine, fed, ready, mapping, mappingSettled, domainsText, links.links]);
  const shown = outcome && outcome.from === ready && mappingSettled ? outcome : null;

  const resetMapping = () => {
    setMappingOverride(null);
    setMappingConfirmed(false);
  };
  return {
    directory,
    links,
    reading: {
      ...reading,
      restart: (next: Input | null) => {
        reading.restart(next);
        resetMapping();
      },
      setDelimiter: (value: InviteDelimiter) => {
        reading.setDelimiter(value);
        resetMapping();
      },
      setHasHeader: (value: boolean) => {
        reading.setHasHeader(value);
        resetMapping();
      },
    },
    mapping,
    mappingSettled,
    setMapping: (value: ColumnMapping) => {
      setMappingOverride(value);
      setMappingConfirmed(true);
    },
    mappingConfirmed,
    setMappingConfirmed,
    domainsText,
    setDomainsText,
    outcome: shown,
    matching,
    matchError,
  };
}

export type ReconcileState = ReturnType<typeof useReconcile>;
