import { useCallback, useEffect, useRef, useState } from 'react';
import { type Result, sendMessage } from '@/lib/messaging/protocol';
import { parseOffboardLaunch } from '@/lib/offboarding/launch';
import {
  apiKeysPageUrl,
  membersPageUrl,
  orgDashboardUrl,
  runUrl,
  teamServiceAccountsUrl,
  teamSettingsUrl,
} from '@/lib/offboarding/links';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { reportFailure } from '@/lib/report';
import type { DirectoryMember } from '@/lib/wandb/directory';
import { saveFile } from '../shared/download';
import { loadDirectoryFromBackground } from '../shared/load-directory';
import { OffboardDialog, type OffboardLinks, type OffboardScreen, type StepRequest } from './OffboardDialog';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Directory = { members: DirectoryMember[] | null; loadError: string | null };

/**
 * Reads the directory once per dialog and keeps it outside the screen state, so the picker has it
 * again after Back or All cases (the read may also finish while another screen is shown).
 */
function useMemberDirectory(
  pageUrl: string,
  setView: (update: (v: OffboardScreen) => OffboardScreen) => void,
  refreshCases: () => Promise<unknown>,
): () => Directory {
  const directory = useRef<Directory>({ members: null, loadError: null });
  useEffect(() => {
    const abort = new AbortController();
    refreshCases();
    loadDirectoryFromBackground(pageUrl, () => {}, abort.signal).then(
      (read) => {
        directory.current = { members: read.members, loadError: null };
        setView((v) => (v.screen === 'pick' ? { ...v, members: read.members } : v));
      },
      (reason: unknown) => {
        if (abort.signal.aborted) return;
        directory.current = { members: null, loadError: messageOf(reason) };
        setView((v) => (v.screen === 'pick' ? { ...v, loadError: messageOf(reason) } : v));
      },
    );
    return () => abort.abort();
  }, [pageUrl, setView, refreshCases]);
  return useCallback(() => directory.current, []);
}

/**
 * Opened on something (lib/offboarding/launch.ts): a stored case (the action popup's "Open the
 * case"), once the cases are read; or a member's impact screen (one click from another tool).
 */
function useLaunch(
  launch: string | undefined,
  refreshCases: () => Promise<OffboardingCase[]>,
  setView: (view: OffboardScreen) => void,
  setError: (error: string) => void,
  showImpact: (username: string) => void,
): void {
  useEffect(() => {
    const target = parseOffboardLaunch(launch);
    if (!target) return;
    if (target.kind === 'member') {
      showImpact(target.username);
      return;
    }
    refreshCases().then((cases) => {
      const found = cases.find((c) => c.id === target.caseId);
      if (found) setView({ screen: 'case', case: found, reinviteJobId: null });
      else setError('That offboarding case is no longer stored for this organization.');
    });
  }, [launch, refreshCases, setView, setError, showImpact]);
}

/** Where the checklist's links go on this host. */
function offboardLinks(origin: string, org: string): OffboardLinks {
  return {
    members: membersPageUrl(origin, org),
    orgDashboard: orgDashboardUrl(origin),
    apiKeys: apiKeysPageUrl(origin, org),
    team: (team) => teamSettingsUrl(origin, team),
    serviceAccounts: (team) => teamServiceAccountsUrl(origin, team),
    run: (team, project, run) => runUrl(origin, team, project, run),
  };
}

/**
 * The offboarding tool: the member picker reads the directory, the impact and every step go to
 * the background (which owns the cases); the dialog only shows what the background answers.
 */
export function OffboardTool({
  pageUrl,
  org,
  onClose,
  onCasesChanged,
  launch,
}: {
  pageUrl: string;
  org: string;
  onClose(): void;
  onCasesChanged(cases: OffboardingCase[]): void;
  /** A case or a member to open on (lib/offboarding/launch.ts). */
  launch?: string | undefined;
}) {
  const [view, setView] = useState<OffboardScreen>({
    screen: 'pick',
    members: null,
    loadError: null,
    cases: [],
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const downloads = useRef<HTMLDivElement>(null);
  const origin = new URL(pageUrl).origin;
  const links = offboardLinks(origin, org);

  /** Sends one request to the background with the busy flag and error shown; resolves with its data or null. */
  const call = useCallback(async <T,>(send: () => Promise<Result<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const reply = await send();
      if (!reply.ok) {
        setError(reply.error.message);
        return null;
      }
      return reply.data;
    } catch (reason) {
      setError(messageOf(reason));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const refreshCases = useCallback(async () => {
    const reply = await sendMessage('offboardCases', { pageUrl }).catch((error: unknown) => {
      reportFailure('offboard', error);
      return null;
    });
    if (reply?.ok) {
      onCasesChanged(reply.data);
      setView((v) => (v.screen === 'pick' ? { ...v, cases: reply.data } : v));
      return reply.data;
    }
    return [];
  }, [pageUrl, onCasesChanged]);

  const readDirectory = useMemberDirectory(pageUrl, setView, refreshCases);

  const showImpact = useCallback(
    async (username: string) => {
      setView({ screen: 'impact', username, impact: null });
      const impact = await call(() => sendMessage('offboardImpact', { pageUrl, username }));
      if (impact) setView({ screen: 'impact', username, impact });
    },
    [call, pageUrl],
  );
  useLaunch(launch, refreshCases, setView, setError, showImpact);

  const backToPick = useCallback(async () => {
    setError(null);
    setView({ screen: 'pick', ...readDirectory(), cases: [] });
    await refreshCases();
  }, [readDirectory, refreshCases]);

  const showCase = (c: OffboardingCase, reinviteJobId: string | null = null) =>
    setView({ screen: 'case', case: c, reinviteJobId });

  const caseId = view.screen === 'case' ? view.case.id : null;
  return (
    <>
      <OffboardDialog
        view={view}
        links={links}
        hostKind={origin === 'https://wandb.ai' ? 'multi-tenant' : 'dedicated'}
        busy={busy}
        error={error}
        onClose={onClose}
        onBack={backToPick}
        onPick={showImpact}
        onResume={async (id) => {
          const cases = await refreshCases();
          const found = cases.find((c) => c.id === id);
          if (found) showCase(found);
        }}
        onStart={async (username) => {
          const c = await call(() => sendMessage('offboardStart', { pageUrl, username }));
          if (c) {
            showCase(c);
            refreshCases();
          }
        }}
        onStep={async (request: StepRequest) => {
          if (!caseId) return;
          const c = await call(() => sendMessage('offboardAct', { pageUrl, caseId, ...request }));
          if (c) {
            setView((v) => (v.screen === 'case' ? { ...v, case: c } : v));
            refreshCases();
          }
        }}
        onRecord={async (format) => {
          if (!caseId || !downloads.current) return;
          const file = await call(() => sendMessage('offboardRecord', { pageUrl, caseId, format }));
          if (file)
            await saveFile(
              {
                fileName: file.fileName,
                mimeType: format === 'json' ? 'application/json' : 'text/markdown;charset=utf-8',
                chunks: [file.text],
              },
              downloads.current,
            ).catch((reason: unknown) => setError(messageOf(reason)));
        }}
        onReinvite={async () => {
          if (!caseId) return;
          const result = await call(() => sendMessage('offboardReinvite', { pageUrl, caseId }));
          if (result) showCase(result.case, result.jobId);
        }}
        onDeleteCase={async (id) => {
          const cases = await call(() => sendMessage('offboardDelete', { pageUrl, caseId: id }));
          if (!cases) throw new Error('not deleted');
          onCasesChanged(cases);
          setView((v) => (v.screen === 'pick' ? { ...v, cases } : v));
        }}
        onCloseCase={async () => {
          if (!caseId) return;
          const c = await call(() => sendMessage('offboardClose', { pageUrl, caseId }));
          if (c) showCase(c);
          refreshCases();
        }}
      />
      <div ref={downloads} hidden />
    </>
  );
}
