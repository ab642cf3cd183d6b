/**
 * The admin key's own changes in the audit log: each test (kept or not, and why), and each time
 * it is forgotten. An entry names the key only by its last 4 characters; never more of it.
 */
import { type AuditEntry, auditHost } from '@/lib/audit/log';
import { appendAudit } from '@/lib/audit/writer';
import type { KeyOwner, StoredAdminKey } from '@/lib/settings/admin-key';
import { isPlausibleKey } from './test-key';
import type { AdminKeyResult, KeyTestInput, KeyTestOutcome } from './types';

let seq = 0;

/** `admin key ****abcd`; a paste that is no W&B key is not quoted at all. */
export function keyLabel(key: string): string {
  return isPlausibleKey(key) ? `admin key ****${key.slice(-4)}` : 'admin key (not a W&B key)';
}

function entry(
  now: Date,
  appOrigin: string,
  owner: KeyOwner | null,
  { target, result, detail }: Pick<AuditEntry, 'target' | 'result' | 'detail'>,
): AuditEntry {
  const at = now.toISOString();
  return {
    id: `key:${at}:${++seq}:${Math.random().toString(36).slice(2, 8)}`,
    at,
    actor: owner ? `${owner.username} (admin key)` : 'options page (key owner unknown)',
    action: 'admin-key',
    target,
    host: auditHost(appOrigin),
    org: owner?.orgs.join(', ') ?? '',
    result,
    detail,
  };
}

/** Records a key test and what came of it (kept for the session, remembered, or not kept and why). */
export function auditKeyTest(
  now: Date,
  input: KeyTestInput,
  result: AdminKeyResult<KeyTestOutcome>,
): Promise<void> {
  const target = keyLabel(input.key);
  if (!result.ok) {
    return appendAudit([
      entry(now, input.appOrigin, null, {
        target,
        result: 'error',
        detail: `not kept: ${result.error.message}`,
      }),
    ]);
  }
  const { owner, saved } = result.data;
  const detail = saved
    ? `tested: SCIM accepted it; ${saved.remembered ? 'remembered on this device' : 'kept for this browser session'}`
    : "not kept: W&B's SCIM API did not accept it as an org admin's key";
  return appendAudit([
    entry(now, input.appOrigin, owner, { target, result: saved ? 'ok' : 'error', detail }),
  ]);
}

/** Records that the stored key was forgotten, and why. */
export function auditKeyForgotten(now: Date, stored: StoredAdminKey, why: string): Promise<void> {
  return appendAudit([
    entry(now, stored.appOrigin, stored.owner, {
      target: keyLabel(stored.key),
      result: 'ok',
      detail: `forgotten: ${why}`,
    }),
  ]);
}
