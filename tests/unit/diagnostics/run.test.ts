/**
 * The diagnostics report against the in-process simulator: it names exactly what the server
 * refuses, is read-only by construction (only queries, only SCIM GETs), and holds no member data —
 * no email but the admin's own, and the key as its last 4 only.
 */
import { parse } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { reportMarkdown, scrub } from '@/lib/diagnostics/report';
import { runDiagnostics } from '@/lib/diagnostics/run';
import { clearVaultKey } from '@/lib/settings/key-vault';
import { createWandbClient } from '@/lib/wandb/client';
import type { FetchLike } from '@/lib/wandb/graphql';
import {
  MUTATION_FIELDS_QUERY,
  ORG_FIELD_PROBES,
  ORG_LOOKUP_QUERY,
  VIEWER_QUERY,
} from '@/lib/wandb/operations';
import { type Simulator, type SimulatorOptions, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch } from '@/tests/simulator/test-client';

vi.setConfig({ testTimeout: 60_000 });
const ORIGIN = 'https://wandb.ai';
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function report(
  options: SimulatorOptions,
  {
    key = false,
    username = 'alice',
    keySecret = ALICE_KEY,
    before = (_sim: Simulator) => {},
  }: { key?: boolean; username?: string; keySecret?: string; before?: (sim: Simulator) => void } = {},
) {
  fakeBrowser.reset();
  await clearVaultKey();
  sim = await startSimulator(options);
  const running = sim;
  const cookie = `wandb=${running.createSession(username)}`;
  const viaSim: FetchLike = (url, init) =>
    simFetch(running, url, {
      method: init.method ?? 'GET',
      headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
      ...(typeof init.body === 'string' ? { body: init.body } : {}),
    });
  const keys = createAdminKeyService({ fetch: viaSim, retry: { sleep: async () => {}, random: () => 0 } });
  if (key)
    expect(
      (await keys.testKey({ appOrigin: ORIGIN, key: keySecret, kind: 'user', remember: false })).ok,
    ).toBe(true);
  before(running);
  running.clearRequests();
  let t = 0;
  const result = await runDiagnostics({
    transport: createWandbClient({ appOrigin: ORIGIN, fetch: viaSim }).transport,
    appOrigin: ORIGIN,
    org: 'acme',
    orgAdmin: true,
    key: await keys.keyProbe(ORIGIN),
    versions: { extension: '0.1.0', browser: 'test' },
    now: () => (t += 5),
  });
  return { result, requests: running.requests(), state: running.state.toSeed() };
}

const statusOf = (r: Awaited<ReturnType<typeof report>>['result'], label: string) =>
  r.checks.find((c) => c.label === label)?.status;

describe('the diagnostics report', () => {
  it('read-only by construction: every GraphQL document it can send is a query', () => {
    const documents = [
      VIEWER_QUERY,
      ORG_LOOKUP_QUERY,
      MUTATION_FIELDS_QUERY,
      ...ORG_FIELD_PROBES.map((p) => p.query),
    ];
    for (const document of documents)
      for (const definition of parse(document).definitions)
        expect(definition.kind === 'OperationDefinition' && definition.operation).toBe('query');
  });

  it('on a server with every field: all passed, the org query would be used, SCIM answers at both paths; only reads were sent', async () => {
    const { result, requests } = await report({}, { key: true });
    expect(result.checks.filter((c) => c.status !== 'passed').map((c) => [c.label, c.detail])).toEqual([]);
    // W&B's audit logs (API.md §4) answer the key's one-day, one-entry GET.
    expect(result.checks.find((c) => c.id === 'audit-logs')).toMatchObject({
      label: 'Audit logs at /audit_logs',
      status: 'passed',
      detail: 'HTTP 200',
    });
    expect(result.directoryStrategy).toBe('the organization query (one request)');
    expect(result.checks.find((c) => c.id === 'mutations')?.detail).toBe(
      'createInvite: present; deleteInvite: present',
    );
    expect(result.checks.find((c) => c.id === 'key')?.detail).toBe(
      `****${ALICE_KEY.slice(-4)} (an org admin's own key); the owner's org role: admin.`,
    );
    expect(requests.filter((r) => r.result !== undefined)).toEqual([]);
    expect(requests.filter((r) => r.kind === 'scim').map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /scim/Users',
      'GET /scim/v2/Users',
    ]);
    expect(
      requests.filter((r) => r.kind === 'audit-logs').map((r) => `${r.method} ${r.path}${r.search}`),
    ).toEqual([`GET /audit_logs?startDate=${new Date(5).toISOString().slice(0, 10)}&numDays=0&limit=1`]);
  });

  it('on a server without the third-party-observed fields: each refused field is named, and the per-team fallback would be used', async () => {
    const { result } = await report({ strictVerified: true });
    for (const { field } of ORG_FIELD_PROBES) expect(statusOf(result, field), field).toBe('refused');
    expect(result.checks.find((c) => c.label === 'Organization.members')?.detail).toContain('members');
    expect(statusOf(result, 'organization(name:) { id name }')).toBe('passed');
    expect(result.directoryStrategy).toMatch(
      /^the per-team fallback \(Organization\.usedSeats, .*refused\): \d+ teams visible$/,
    );
    expect(result.key).toBeNull();
    expect(statusOf(result, 'SCIM at /scim/')).toBe('not-tried');
  });

  it('on a server that rejects one directory field: only that field is refused, by name, and the fallback is said to be used', async () => {
    const { result } = await report({ config: { rejectField: 'Organization.seatAvailability' } });
    expect(
      result.checks
        .filter((c) => c.id.startsWith('Organization.') && c.status === 'refused')
        .map((c) => c.label),
    ).toEqual(['Organization.seatAvailability']);
    expect(result.checks.find((c) => c.label === 'Organization.seatAvailability')?.detail).toContain(
      'seatAvailability',
    );
    expect(result.directoryStrategy).toMatch(
      /^the per-team fallback \(Organization\.seatAvailability refused\)/,
    );
  });

  it('on a host that serves SCIM under /scim/v2/ only: /scim/ is refused, /scim/v2/ answers, the key is accepted', async () => {
    // The key test itself moves to /scim/v2/ (lib/wandb/scim/http.ts); the report shows both paths.
    const { result } = await report({ config: { scimPaths: 'v2-only' } }, { key: true });
    expect([
      statusOf(result, 'SCIM at /scim/'),
      statusOf(result, 'SCIM at /scim/v2/'),
      statusOf(result, 'Admin key accepted'),
    ]).toEqual(['refused', 'passed', 'passed']);
    expect(result.checks.find((c) => c.label === 'SCIM at /scim/')?.detail).toMatch(/^HTTP 404/);
  });

  it('with a key SCIM refuses (revoked since it was tested): both paths refused, and the report says why', async () => {
    const { result } = await report(
      {},
      {
        key: true,
        keySecret: deriveApiKeySecret('org-1', 'bob', 'bob-scripts'),
        before: (s) => s.state.removeFromOrg('bob'),
      },
    );
    expect(result.checks.find((c) => c.id === 'key')).toMatchObject({
      status: 'refused',
      detail: 'W&B refused the key (HTTP 401): wrong, expired or revoked.',
    });
  });

  it('holds no member data: no email but the admin’s own, no key, no other member’s name', async () => {
    const { result, state } = await report({ strictVerified: true }, { key: true });
    const text = `${JSON.stringify(result)}\n${reportMarkdown(result)}`;
    expect(text).not.toContain(ALICE_KEY);
    const emails = new Set(text.match(/[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? []);
    expect([...emails]).toEqual(['alice@acme.test']);
    for (const m of state.members.filter((m) => m.username !== 'alice' && m.username.length > 3))
      expect(text, m.username).not.toContain(m.username);
  });
});

describe('scrub', () => {
  it.each([
    ['User bob@acme.test not found', 'alice@acme.test', 'User <email> not found'],
    ['you are alice@ACME.test', 'alice@acme.test', 'you are alice@ACME.test'],
    [`key ${'a'.repeat(40)} refused`, null, 'key <redacted> refused'],
    ['a\n  b', null, 'a b'],
  ])('%j → %j', (text, own, expected) => {
    expect(scrub(text, own)).toBe(expected);
  });

  it('keeps a detail short', () => {
    expect(scrub('x '.repeat(400), null)).toHaveLength(500);
  });
});
