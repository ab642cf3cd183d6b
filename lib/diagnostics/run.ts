/**
 * The read-only diagnostics run (issue 15): what this W&B host answers to every read the toolkit
 * relies on, one check at a time, so a difference from what API.md says is named exactly. It is
 * read-only by construction: the GraphQL documents are the queries of lib/wandb/operations.ts, and
 * the key's probe can only GET SCIM and audit-log paths.
 */
import { z } from 'zod';
import type { KeyProbe } from '../background/admin-key/types';
import { toWandbErrorData, WandbError } from '../wandb/errors';
import type { GraphqlTransport } from '../wandb/graphql';
import { MUTATION_FIELDS_QUERY, ORG_FIELD_PROBES, ORG_LOOKUP_QUERY, VIEWER_QUERY } from '../wandb/operations';
import { orgLookupDataSchema, viewerDataSchema } from '../wandb/schemas';
import { type CheckResult, type DiagnosticsReport, scrub } from './report';

export interface DiagnosticsInput {
  transport: Pick<GraphqlTransport, 'request'>;
  appOrigin: string;
  org: string;
  /** Whether the session's user is an org admin, as the bar read it; null when W&B did not say. */
  orgAdmin: boolean | null;
  key: KeyProbe | null;
  versions: { extension: string; browser: string };
  now: () => number;
}

const anything = z.unknown();

/** W&B's own words where it gave them (a classified WandbError), else what the check found. */
function refusalText(error: unknown): string {
  return error instanceof Error && !(error instanceof WandbError)
    ? error.message
    : toWandbErrorData(error).message;
}

/** One check: timed, and its failure turned into a trimmed W&B answer. */
async function timed(
  id: string,
  label: string,
  ownEmail: string | null,
  now: () => number,
  run: () => Promise<string>,
): Promise<CheckResult> {
  const started = now();
  try {
    const detail = await run();
    return { id, label, status: 'passed', detail: scrub(detail, ownEmail), ms: now() - started };
  } catch (error) {
    return { id, label, status: 'refused', detail: scrub(refusalText(error), ownEmail), ms: now() - started };
  }
}

const notTried = (id: string, label: string, detail: string): CheckResult => ({
  id,
  label,
  status: 'not-tried',
  detail,
  ms: null,
});

/** The SCIM base paths API.md names (`/scim/` in the docs, `/scim/v2` in a support article), the key, and the audit-log endpoint. */
async function keyChecks(input: DiagnosticsInput, ownEmail: string | null): Promise<CheckResult[]> {
  const { key, now } = input;
  const multiTenant = new URL(input.appOrigin).origin === 'https://wandb.ai';
  // API.md §4: one day (today, UTC) and one entry; the multi-tenant and the dedicated path.
  const today = new Date(now()).toISOString().slice(0, 10);
  const auditPath = `${multiTenant ? '/audit_logs' : '/admin/audit_logs'}?startDate=${today}&numDays=0&limit=1`;
  if (!key)
    return [
      notTried('scim-root', 'SCIM at /scim/', 'No admin key for this host (add one in the options page).'),
      notTried('scim-v2', 'SCIM at /scim/v2/', 'No admin key for this host.'),
      notTried('key', 'Admin key accepted', 'No admin key for this host.'),
      notTried('audit-logs', `Audit logs at ${auditPath.split('?')[0]}`, 'No admin key for this host.'),
    ];
  const probe = (id: string, label: string, path: string) =>
    timed(id, label, ownEmail, now, async () => {
      const { status, text } = await key.get(path);
      if (status >= 200 && status < 300) return `HTTP ${status}`;
      throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
    });
  const root = await probe('scim-root', 'SCIM at /scim/', '/scim/Users?count=1');
  const v2 = await probe('scim-v2', 'SCIM at /scim/v2/', '/scim/v2/Users?count=1');
  const answered = [root, v2].find((c) => c.status === 'passed');
  const keyCheck: CheckResult = answered
    ? {
        id: 'key',
        label: 'Admin key accepted',
        status: 'passed',
        detail: `****${key.last4} (${key.kind === 'user' ? "an org admin's own key" : 'a service account key'}); the owner's org role: ${key.ownerRole ?? 'not known'}.`,
        ms: null,
      }
    : {
        id: 'key',
        label: 'Admin key accepted',
        status: 'refused',
        detail: /HTTP 401/.test(root.detail + v2.detail)
          ? 'W&B refused the key (HTTP 401): wrong, expired or revoked.'
          : /HTTP 403/.test(root.detail + v2.detail)
            ? 'W&B accepted the key but refused SCIM (HTTP 403): its owner is not an org admin.'
            : 'Neither SCIM path answered; see the two lines above.',
        ms: null,
      };
  const audit = await probe('audit-logs', `Audit logs at ${auditPath.split('?')[0]}`, auditPath);
  return [root, v2, keyCheck, audit];
}

/** Who is signed in: the first check, and the admin's own email (the one the report may show). */
async function readSession(transport: DiagnosticsInput['transport'], now: () => number) {
  const started = now();
  try {
    const data = await transport.request(VIEWER_QUERY, {}, viewerDataSchema);
    if (!data.viewer) throw new Error('W&B answered viewer: null — nobody is signed in on this host.');
    const viewer = {
      username: data.viewer.username ?? '?',
      email: data.viewer.email ?? null,
      teams: data.viewer.teams.length,
    };
    const detail = `Signed in as ${viewer.username}${viewer.email ? ` (${viewer.email})` : ''}.`;
    const check: CheckResult = {
      id: 'session',
      label: 'Signed in (viewer)',
      status: 'passed',
      detail: scrub(detail, viewer.email),
      ms: now() - started,
    };
    return { check, viewer };
  } catch (error) {
    const check: CheckResult = {
      id: 'session',
      label: 'Signed in (viewer)',
      status: 'refused',
      detail: scrub(refusalText(error), null),
      ms: now() - started,
    };
    return { check, viewer: null };
  }
}

/** Runs every check in order and returns the report; changes nothing anywhere. */
export async function runDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsReport> {
  const { transport, org, now } = input;
  const { check: session, viewer: signedIn } = await readSession(transport, now);
  const own = signedIn?.email ?? null;
  const checks: CheckResult[] = [session];
  if (!signedIn) {
    for (const { field } of ORG_FIELD_PROBES) checks.push(notTried(field, field, 'Not signed in.'));
  } else {
    checks.push(
      input.orgAdmin === null
        ? notTried('org-admin', 'Org admin (session)', 'W&B did not show org roles to this session.')
        : {
            id: 'org-admin',
            label: 'Org admin (session)',
            status: 'passed',
            detail: input.orgAdmin
              ? `${signedIn.username} is an org admin of ${org}.`
              : `${signedIn.username} is not an org admin of ${org}.`,
            ms: null,
          },
    );
    checks.push(
      await timed('organization', 'organization(name:) { id name }', own, now, async () => {
        const data = await transport.request(ORG_LOOKUP_QUERY, { org }, orgLookupDataSchema);
        if (!data.organization) throw new Error(`W&B shows no organization named ${org} to this session.`);
        return `Organization ${data.organization.name} found.`;
      }),
    );
    for (const probe of ORG_FIELD_PROBES)
      checks.push(
        await timed(probe.field, probe.field, own, now, async () => {
          await transport.request(probe.query, { org }, anything);
          return 'Answered.';
        }),
      );
    checks.push({
      id: 'per-team',
      label: 'Per-team fallback reach',
      status: 'passed',
      detail: `${signedIn.teams} ${signedIn.teams === 1 ? 'team' : 'teams'} visible to this session.`,
      ms: null,
    });
    checks.push(
      await timed('mutations', 'Invite and removal operations (introspection)', own, now, async () => {
        const data = await transport.request(
          MUTATION_FIELDS_QUERY,
          {},
          z.object({
            __type: z.object({ fields: z.array(z.object({ name: z.string() })).nullable() }).nullable(),
          }),
        );
        const names = new Set((data.__type?.fields ?? []).map((f) => f.name));
        if (names.size === 0) throw new Error('W&B listed no mutations: not known.');
        return ['createInvite', 'deleteInvite']
          .map((n) => `${n}: ${names.has(n) ? 'present' : 'absent'}`)
          .join('; ');
      }),
    );
  }
  checks.push(...(await keyChecks(input, own)));
  const refusedFields = checks.filter((c) => c.id.startsWith('Organization.') && c.status !== 'passed');
  const directoryStrategy = !signedIn
    ? 'not known (not signed in)'
    : refusedFields.length === 0
      ? 'the organization query (one request)'
      : `the per-team fallback (${refusedFields.map((c) => c.label).join(', ')} refused): ${signedIn.teams} teams visible${
          checks.some((c) => c.id === 'key' && c.status === 'passed')
            ? ', filled through SCIM with the admin key'
            : ''
        }`;
  return {
    generatedAt: new Date(now()).toISOString(),
    host: new URL(input.appOrigin).origin,
    org,
    admin: signedIn?.username ?? null,
    directoryStrategy,
    versions: { ...input.versions, host: 'not known (W&B exposes no version this toolkit can read)' },
    key: input.key ? { last4: input.key.last4, kind: input.key.kind } : null,
    checks,
  };
}
