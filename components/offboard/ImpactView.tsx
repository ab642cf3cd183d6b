import type { Impact } from '@/lib/offboarding/model';
import type { OffboardLinks } from './types';

/** What offboarding the member touches: roles, teams, runs, keys, service accounts, invites they sent. */
export function ImpactView({ impact, links }: { impact: Impact; links: OffboardLinks }) {
  const m = impact.member;
  return (
    <section className="wbat-groups" aria-label="Impact">
      {impact.lastOrgAdmin ? (
        <p className="wbat-error" role="alert">
          {m.username} is the last org admin. W&B requires at least one org admin, so the toolkit will not
          offboard them. Make another member an org admin on the{' '}
          <a href={links.members} target="_blank" rel="noopener">
            Members page
          </a>{' '}
          first.
        </p>
      ) : null}
      <section className="wbat-section" aria-label="Member">
        <h3 className="wbat-section-title">
          {m.name} ({m.username})
        </h3>
        <p>
          Org role: {m.orgRole ?? 'not shown by W&B'} · Models seat: {m.modelsSeat ?? 'not shown'} · Weave:{' '}
          {m.weaveAccess ?? 'not shown'}
          {m.email ? ` · ${m.email}` : ''} ·{' '}
          <a href={links.members} target="_blank" rel="noopener">
            Members page
          </a>
        </p>
        {impact.otherOrgAdmins !== null ? (
          <p>Other org admins: {impact.otherOrgAdmins}</p>
        ) : (
          <p>Org roles are not shown to this session.</p>
        )}
        {!impact.complete ? (
          <p className="wbat-note">Only the teams visible to you were read; the list may be incomplete.</p>
        ) : null}
      </section>
      <section className="wbat-section" aria-label="Teams">
        <h3 className="wbat-section-title">Teams ({m.teams.length})</h3>
        <ul className="wbat-plain">
          {m.teams.map((t) => (
            <li key={t.team}>
              <a href={links.team(t.team)} target="_blank" rel="noopener">
                {t.team}
              </a>
              : {t.role}
              {impact.soleAdminTeams.some((s) => s.team === t.team) ? (
                <strong> — only admin (blocker)</strong>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="wbat-section" aria-label="API keys">
        <h3 className="wbat-section-title">API keys</h3>
        {impact.apiKeys.status === 'read' ? (
          <p>
            {impact.apiKeys.items.map((k) => k.name).join(', ') || 'None'}. {impact.apiKeys.note}
          </p>
        ) : (
          <p>{impact.apiKeys.reason}</p>
        )}
        <a href={links.apiKeys} target="_blank" rel="noopener">
          API keys page
        </a>
      </section>
      <section className="wbat-section" aria-label="Service accounts">
        <h3 className="wbat-section-title">
          Service accounts in their teams ({impact.serviceAccounts.length})
        </h3>
        <ul className="wbat-plain">
          {impact.serviceAccounts.map((s) => (
            <li key={s.username}>
              {s.name} ({s.username}) in{' '}
              {s.teams.map((t, i) => (
                <span key={t}>
                  {i > 0 ? ', ' : ''}
                  <a href={links.serviceAccounts(t)} target="_blank" rel="noopener">
                    {t}
                  </a>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <section className="wbat-section" aria-label="Recent runs">
        <h3 className="wbat-section-title">Recent runs</h3>
        {impact.runs.status === 'read' ? (
          <>
            <ul className="wbat-plain">
              {impact.runs.items.map((r) => (
                <li key={`${r.team}/${r.project}/${r.name}`}>
                  <a href={links.run(r.team, r.project, r.name)} target="_blank" rel="noopener">
                    {r.team}/{r.project}/{r.name}
                  </a>{' '}
                  last heartbeat {r.heartbeatAt ?? 'never'}
                </li>
              ))}
            </ul>
            {impact.runs.items.length === 0 ? (
              <p>No runs of theirs among the most recent runs of their teams’ projects.</p>
            ) : null}
            {impact.runs.note ? <p className="wbat-hint">{impact.runs.note}</p> : null}
          </>
        ) : (
          <p>{impact.runs.reason}</p>
        )}
      </section>
      <section className="wbat-section" aria-label="Invites they sent">
        <h3 className="wbat-section-title">Pending invites they sent</h3>
        <p>
          {impact.sentInvites.status === 'read'
            ? `${impact.sentInvites.items.length}`
            : impact.sentInvites.reason}
        </p>
      </section>
    </section>
  );
}
