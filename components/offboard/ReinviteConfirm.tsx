import { useState } from 'react';

export interface ReinviteMember {
  username: string;
  email: string | null;
  orgRole: string | null;
  modelsSeat: string | null;
  teams: { team: string; role: string }[];
}

/**
 * "Re-invite with the same teams", confirmed: the first click lists every invite it will send
 * (team and role) and what an invite cannot restore; only "Send N invites" sends them.
 */
export function ReinviteConfirm({
  member,
  busy,
  onConfirm,
}: {
  member: ReinviteMember;
  busy: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  const who = member.email ?? member.username;
  if (!asking) {
    return (
      <button
        type="button"
        className="wbat-button"
        disabled={busy || member.teams.length === 0}
        onClick={() => setAsking(true)}
      >
        Re-invite with the same teams
      </button>
    );
  }
  const lost: string[] = [];
  for (const t of member.teams)
    if (t.role !== 'admin' && t.role !== 'member')
      lost.push(
        `${t.team}: ${t.role} — W&B's invite carries an admin flag only, so it is invited as member.`,
      );
  if (member.orgRole && member.orgRole !== 'member')
    lost.push(`The org role ${member.orgRole}: set it on W&B's Members page after they accept.`);
  if (member.modelsSeat)
    lost.push(`The Models seat (${member.modelsSeat}): an invite cannot choose the seat type.`);
  lost.push(
    'Their runs, API keys and projects are not touched; they have to accept the invite to get access.',
  );
  const count = member.teams.length;
  return (
    <fieldset className="wbat-confirm">
      <legend>Re-invite {who}?</legend>
      <ul aria-label="Invites to send">
        {member.teams.map((t) => (
          <li key={t.team}>
            {t.team} — {t.role === 'admin' ? 'as team admin' : 'as member'}
          </li>
        ))}
      </ul>
      <p>What the re-invite cannot restore:</p>
      <ul aria-label="Not restored">
        {lost.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <button type="button" className="wbat-button" onClick={() => setAsking(false)}>
        Do not re-invite
      </button>
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Send {count} {count === 1 ? 'invite' : 'invites'}
      </button>
    </fieldset>
  );
}
