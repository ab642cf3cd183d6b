/**
 * Seat hygiene's "Offboard several": pick members from a list, see their combined impact first
 * (teams left without an admin between them, whether they are all the org's admins, the seats
 * freed), then open one offboarding case each. Opening a case changes nothing on W&B: every step
 * is still taken, and guarded, in that member's checklist, one click away.
 */
import { useMemo, useState } from 'react';
import { ConfirmStep } from '@/components/shared/ConfirmStep';
import { type VirtualColumn, VirtualTable } from '@/components/shared/VirtualTable';
import { combinedImpact, impactIndex } from '@/lib/hygiene/combined-impact';
import type { HygieneMember } from '@/lib/hygiene/lists';
import { sendMessage } from '@/lib/messaging/protocol';
import { offboardLaunch } from '@/lib/offboarding/launch';
import type { Directory } from '@/lib/wandb/directory';
import { plural } from '../dialog';

/** Cases opened at once: each reads the member's impact afresh. */
export const MAX_CASES = 100;

type Opened = { username: string; caseId?: string; error?: string };

export function OffboardSeveral({
  pageUrl,
  directory,
  members,
  onOpenTool,
}: {
  pageUrl: string;
  directory: Pick<Directory, 'members'>;
  /** The list to pick from. */
  members: readonly HygieneMember[];
  onOpenTool(id: string, launch?: string): void;
}) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<Opened[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle
      ? members.filter(
          (m) => m.username.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle),
        )
      : members;
  }, [members, filter]);
  const usernames = useMemo(
    () => members.map((m) => m.username).filter((u) => chosen.has(u)),
    [members, chosen],
  );
  const index = useMemo(() => (open ? impactIndex(directory) : null), [open, directory]);
  const impact = useMemo(
    () => (index && usernames.length > 0 ? combinedImpact(index, usernames) : null),
    [index, usernames],
  );
  const toggle = (username: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(username);
      else next.delete(username);
      return next;
    });
  const columns: readonly VirtualColumn<HygieneMember>[] = [
    {
      header: 'Select',
      cell: (m) => (
        <input
          type="checkbox"
          aria-label={`Select ${m.username}`}
          checked={chosen.has(m.username)}
          onChange={(event) => toggle(m.username, event.currentTarget.checked)}
        />
      ),
    },
    { header: 'Username', cell: (m) => m.username },
    { header: 'Name', cell: (m) => m.name },
    { header: 'Last activity', cell: (m) => (m.lastActive ? m.lastActive.slice(0, 10) : 'none shown') },
  ];

  async function start() {
    const results: Opened[] = [];
    setProgress(0);
    for (const username of usernames) {
      const reply = await sendMessage('offboardStart', { pageUrl, username }).catch((error: unknown) => ({
        ok: false as const,
        error: { message: error instanceof Error ? error.message : String(error) },
      }));
      results.push(reply.ok ? { username, caseId: reply.data.id } : { username, error: reply.error.message });
      setProgress(results.length);
    }
    setOpened(results);
    setProgress(null);
  }

  if (!open)
    return (
      <button
        type="button"
        className="wbat-button"
        disabled={members.length === 0}
        onClick={() => setOpen(true)}
      >
        Offboard several…
      </button>
    );

  const allAdmins = impact?.orgAdminsLeft === 0;
  const tooMany = usernames.length > MAX_CASES;
  const count = plural(usernames.length, 'member', 'members');
  return (
    <section aria-label="Offboard several" className="wbat-offboard-several">
      <h4>Offboard several: {usernames.length} selected</h4>
      <button
        type="button"
        className="wbat-button"
        onClick={() => setChosen(new Set(members.map((m) => m.username)))}
      >
        Select all {members.length}
      </button>
      <button type="button" className="wbat-button" onClick={() => setChosen(new Set())}>
        Clear
      </button>
      <label className="wbat-inline-field">
        Filter by name or username{' '}
        <input
          type="search"
          className="wbat-input"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
        />
      </label>
      <VirtualTable label="Members to offboard" columns={columns} rows={shown} rowKey={(m) => m.username} />
      {impact ? <ImpactSummary impact={impact} /> : null}
      {allAdmins ? (
        <p className="wbat-error" role="alert">
          These are all of the organization's admins: deselect at least one, or the organization would have
          none.
        </p>
      ) : null}
      {tooMany ? (
        <p className="wbat-error" role="alert">
          At most {MAX_CASES} cases are opened at once: deselect {usernames.length - MAX_CASES}.
        </p>
      ) : null}
      {progress !== null ? (
        <p role="status">
          <progress aria-label="Opening cases" value={progress} max={Math.max(1, usernames.length)} /> Opening
          case {Math.min(progress + 1, usernames.length)} of {usernames.length}…
        </p>
      ) : null}
      <ConfirmStep
        ask={`Start offboarding ${count}`}
        question={`Open an offboarding case for each of ${count}?`}
        confirm={`Confirm: open ${plural(usernames.length, 'case', 'cases')}`}
        keep="Not now"
        disabled={usernames.length === 0 || allAdmins || tooMany || progress !== null}
        onConfirm={start}
      >
        One case each, as Offboard member opens it. Nothing is removed yet: each step is taken, with its own
        guards, in that member's checklist.
      </ConfirmStep>
      {opened ? <OpenedCases opened={opened} onOpenTool={onOpenTool} /> : null}
    </section>
  );
}

function ImpactSummary({ impact }: { impact: ReturnType<typeof combinedImpact> }) {
  const { seatsFreed, teamsLeftWithoutAdmin } = impact;
  return (
    <section aria-label="Combined impact">
      <p>
        Seats freed once they are removed: {seatsFreed.modelsFull} Full Models, {seatsFreed.modelsViewer}{' '}
        Viewer Models, {seatsFreed.weaveFull} Weave.
      </p>
      {teamsLeftWithoutAdmin.length === 0 ? (
        <p>No team is left without an admin.</p>
      ) : (
        <>
          <p className="wbat-warning">
            {plural(teamsLeftWithoutAdmin.length, 'team is', 'teams are')} left without an admin between them
            (each checklist asks for a new admin first):
          </p>
          <ul aria-label="Teams left without an admin">
            {teamsLeftWithoutAdmin.map((t) => (
              <li key={t.team}>
                {t.team} (admin: {t.admins.join(', ')})
              </li>
            ))}
          </ul>
        </>
      )}
      {impact.orgAdminsLeft === null ? (
        <p className="wbat-hint">
          This directory shows no org roles: whether an org admin remains is checked per case.
        </p>
      ) : null}
    </section>
  );
}

function OpenedCases({
  opened,
  onOpenTool,
}: {
  opened: Opened[];
  onOpenTool(id: string, launch?: string): void;
}) {
  const ok = opened.filter((o) => o.caseId);
  return (
    <section aria-label="Cases opened">
      <p>
        {plural(ok.length, 'case', 'cases')} open
        {opened.length > ok.length ? `; ${opened.length - ok.length} could not be opened` : ''}.
      </p>
      <ul>
        {opened.map((o) => (
          <li key={o.username}>
            {o.caseId ? (
              <button
                type="button"
                className="wbat-button"
                onClick={() => onOpenTool('offboard', offboardLaunch.case(o.caseId as string))}
              >
                Open {o.username}'s checklist
              </button>
            ) : (
              <span className="wbat-error">
                {o.username}: {o.error}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
