import { type FormEvent, useId, useState } from 'react';
import type { CapabilitiesReply, ProtocolError, Result } from '@/lib/messaging/protocol';
import type { AdminKeyInfo } from '@/lib/settings/admin-key';
import type { KeyTestOutcome, ScimUserSummary } from '@/lib/settings/messages';
import { ACTION_LABELS, ADMIN_ACTIONS, type Transport } from '@/lib/wandb/capabilities';

export interface AdminKeySectionProps {
  /** W&B app origins a key can be entered for: wandb.ai and the added hosts. */
  hosts: string[];
  keyInfo: AdminKeyInfo | null;
  /** Capabilities on the host selected in the form (or the key's host). */
  capabilities: CapabilitiesReply | null;
  onTest(input: {
    appOrigin: string;
    key: string;
    kind: 'user' | 'service';
    remember: boolean;
  }): Promise<Result<KeyTestOutcome>>;
  onForget(): Promise<void>;
  onHostChange(appOrigin: string): void;
  /** Custom roles from SCIM (names), offered as org roles; empty when none or not loaded. */
  customRoles: string[];
  onSetOrgRole(input: { user: string; role: string }): Promise<Result<ScimUserSummary>>;
}

const TRANSPORT_LABEL: Record<Transport, string> = {
  session: 'Browser session',
  key: 'Admin key (SCIM)',
  manual: 'Manual step on W&B',
};

const hostLabel = (origin: string) => new URL(origin).host;

/** The admin API key: enter and test it, see whom it belongs to, forget it; what it enables. */
export function AdminKeySection(props: AdminKeySectionProps) {
  const { hosts, keyInfo, capabilities } = props;
  const [appOrigin, setAppOrigin] = useState(keyInfo?.appOrigin ?? hosts[0] ?? 'https://wandb.ai');
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<'user' | 'service'>('user');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Result<KeyTestOutcome> | null>(null);
  const ids = { key: useId(), host: useId(), remember: useId() };

  async function test(event: FormEvent) {
    event.preventDefault();
    if (key.trim() === '') {
      setOutcome({ ok: false, error: { kind: 'bad-request', message: 'Paste an API key first.' } });
      return;
    }
    setBusy(true);
    try {
      const result = await props.onTest({ appOrigin, key: key.trim(), kind, remember });
      setOutcome(result);
      // The key is not kept in the page once W&B has answered, whatever the answer.
      setKey('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="key-heading" className="opt-section">
      <h2 id="key-heading">Admin API key</h2>
      <p className="opt-help">
        Optional. With an org admin's key (or an org service account's key with the admin role) the toolkit
        can change org and team roles, remove members from the organization and list custom roles through
        W&B's SCIM API. The key is sent only to the W&B host it is entered for.
      </p>

      {keyInfo ? (
        <section className="opt-card" aria-label="Active admin key">
          <p>
            <strong>Admin key: ****{keyInfo.last4}</strong> for {hostLabel(keyInfo.appOrigin)} —{' '}
            {keyInfo.kind === 'service' ? 'service account ' : ''}
            {keyInfo.owner.username}
            {keyInfo.owner.email ? ` (${keyInfo.owner.email})` : ''}
            {keyInfo.owner.orgs.length > 0 ? `, organization ${keyInfo.owner.orgs.join(', ')}` : ''}.
          </p>
          <p>
            {keyInfo.status === 'admin'
              ? 'W&B accepted it for SCIM (org admin).'
              : keyInfo.status === 'rejected'
                ? 'W&B stopped accepting this key (wrong, expired or revoked). Replace it; your browser session still works.'
                : 'Its owner is not an org admin; SCIM actions are unavailable.'}{' '}
            {keyInfo.remembered
              ? 'Remembered on this device.'
              : 'Kept for this browser session only (gone when the browser closes).'}
          </p>
          <button type="button" className="opt-button" onClick={() => void props.onForget()}>
            Forget key
          </button>
        </section>
      ) : (
        <p>No admin key. Everything else works with your W&B browser session.</p>
      )}

      <form className="opt-form" onSubmit={test} aria-label="Test an admin key">
        <label htmlFor={ids.host}>W&B host</label>
        <select
          id={ids.host}
          value={appOrigin}
          onChange={(event) => {
            setAppOrigin(event.target.value);
            props.onHostChange(event.target.value);
          }}
        >
          {hosts.map((host) => (
            <option key={host} value={host}>
              {hostLabel(host)}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Whose key is it?</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'user'} onChange={() => setKind('user')} />
            An org admin's own key
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'service'}
              onChange={() => setKind('service')}
            />
            An org service account's key
          </label>
        </fieldset>
        <label htmlFor={ids.key}>API key</label>
        <input
          id={ids.key}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <label className="opt-check" htmlFor={ids.remember}>
          <input
            id={ids.remember}
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
          />
          Remember on this device
        </label>
        <button type="submit" className="opt-button opt-primary" disabled={busy}>
          {busy ? 'Testing…' : 'Test key'}
        </button>
      </form>
      <TestOutcome outcome={outcome} />

      {capabilities ? <CapabilityTable reply={capabilities} /> : null}
      {keyInfo?.status === 'admin' ? (
        <OrgRoleForm customRoles={props.customRoles} onSetOrgRole={props.onSetOrgRole} />
      ) : null}
    </section>
  );
}

function TestOutcome({ outcome }: { outcome: Result<KeyTestOutcome> | null }) {
  if (!outcome) return null;
  if (!outcome.ok) return <ErrorBox error={outcome.error} />;
  const { owner, admin, saved } = outcome.data;
  return (
    <output className={admin ? 'opt-ok' : 'opt-warn'} aria-live="polite">
      Belongs to {owner.username}
      {owner.email ? ` (${owner.email})` : ''}; organization{' '}
      {owner.orgs.length > 0 ? owner.orgs.join(', ') : 'unknown'};{' '}
      {admin
        ? `org admin: yes${owner.organizationRole ? ` (org role ${owner.organizationRole})` : ''}.`
        : 'org admin: no — W&B refused SCIM for this key (HTTP 403).'}{' '}
      {saved
        ? saved.remembered
          ? `Saved on this device as ****${saved.last4}.`
          : `Saved for this browser session as ****${saved.last4}.`
        : 'The key was not saved.'}
    </output>
  );
}

export function ErrorBox({ error }: { error: ProtocolError }) {
  return (
    <p className="opt-error" role="alert">
      {error.message}
    </p>
  );
}

function CapabilityTable({ reply }: { reply: CapabilitiesReply }) {
  return (
    <table className="opt-table">
      <caption>What each action uses now</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Done with</th>
          <th scope="col">How</th>
        </tr>
      </thead>
      <tbody>
        {ADMIN_ACTIONS.map((action) => (
          <tr key={action}>
            <th scope="row">{ACTION_LABELS[action]}</th>
            <td>{TRANSPORT_LABEL[reply.capabilities[action].transport]}</td>
            <td>{reply.capabilities[action].detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OrgRoleForm({
  customRoles,
  onSetOrgRole,
}: Pick<AdminKeySectionProps, 'customRoles' | 'onSetOrgRole'>) {
  const [user, setUser] = useState('');
  const [role, setRole] = useState('member');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result<ScimUserSummary> | null>(null);
  const ids = { user: useId(), role: useId() };
  return (
    <form
      className="opt-form"
      aria-label="Change an org role"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          setResult(await onSetOrgRole({ user: user.trim(), role }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>Change an org role (SCIM)</h3>
      <label htmlFor={ids.user}>Username or email</label>
      <input id={ids.user} value={user} onChange={(event) => setUser(event.target.value)} required />
      <label htmlFor={ids.role}>New org role</label>
      <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value)}>
        <option value="admin">admin</option>
        <option value="member">member</option>
        {customRoles.map((name) => (
          <option key={name} value={name}>
            {name} (custom)
          </option>
        ))}
      </select>
      <button type="submit" className="opt-button" disabled={busy || user.trim() === ''}>
        Change org role
      </button>
      {result ? (
        result.ok ? (
          <output className="opt-ok" aria-live="polite">
            {result.data.username} now has the org role {result.data.organizationRole ?? role}.
          </output>
        ) : (
          <ErrorBox error={result.error} />
        )
      ) : null}
    </form>
  );
}
