/**
 * Guards of the case record (`lib/offboarding/record.ts`), the file an admin attaches to a ticket:
 * every line says what W&B showed and what was done, names from W&B are inert Markdown, and what
 * could not be read says so instead of looking like "none" (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import type { OffboardingCase, Step } from '@/lib/offboarding/model';
import { recordFileName, recordJson, recordMarkdown } from '@/lib/offboarding/record';
import { directoryOf, member } from '../export/fixtures';
import { caseFor, T0 } from './case-fixture';

const T1 = '2026-11-29T09:00:00.000Z';

const STEPS: Step[] = [
  { id: 'snapshot', mode: 'local', state: 'done', note: 'Recorded.', at: T0 },
  { id: 'reassign', mode: 'guided', state: 'done', note: 'zoe is admin of vision.', at: T1 },
  { id: 'deactivate', mode: 'local', state: 'skipped', note: 'Not on wandb.ai.', at: T0 },
  { id: 'automation', mode: 'guided', state: 'reviewed', note: 'alice checked the runs.', at: T1 },
  { id: 'remove-teams', mode: 'automated', state: 'todo' },
  { id: 'remove-org', mode: 'guided', state: 'blocked', note: 'Waits for | the teams.' },
  { id: 'revoke-keys', mode: 'guided', state: 'todo' },
  { id: 'reclaim-seat', mode: 'guided', state: 'todo' },
  { id: 'recheck', mode: 'local', state: 'todo' },
];

/** frank: sole admin of vision, a key and a run read, a service account in nlp, two events. */
function frankCase(overrides: Partial<OffboardingCase> = {}): OffboardingCase {
  const directory = directoryOf([
    member({ username: 'alice', orgRole: 'admin' }),
    member({
      username: 'frank',
      name: 'Frank *F*',
      email: 'frank_x@acme.test',
      weaveAccess: null,
      teams: [
        { team: 'vision', role: 'admin' },
        { team: 'nlp', role: 'member' },
      ],
    }),
    member({ username: 'zoe', name: 'Zoë', teams: [{ team: 'vision', role: 'member' }] }),
    member({ username: 'ci-bot', accountType: 'service', teams: [{ team: 'nlp', role: 'member' }] }),
  ]);
  return caseFor(directory, 'frank', {
    reads: {
      apiKeys: { status: 'read', items: [{ name: 'ci|key', lastUsedAt: null }] },
      runs: {
        status: 'read',
        items: [{ team: 'nlp', project: 'p', name: 'r1', createdAt: T0, heartbeatAt: null }],
      },
    },
    overrides: {
      steps: STEPS,
      updatedAt: T1,
      events: [
        { at: T0, step: null, result: 'info', detail: 'Case opened by alice.' },
        { at: T1, step: 'reassign', result: 'ok', detail: 'zoe is now admin of <vision>.' },
      ],
      ...overrides,
    },
  });
}

const BEFORE = [
  '- Username: frank',
  '- Name: Frank \\*F\\*',
  '- Email: frank_x@acme.test',
  '- Org role: member',
  '- Models seat: full; Weave access: not shown',
  '- Teams: vision (admin), nlp (member)',
  `- Read at: ${T0}`,
];

describe('the Markdown record', () => {
  it('guard "the record says who, where, what was there, each step and the history" — in full', () => {
    expect(recordMarkdown(frankCase()).split('\n')).toEqual([
      '# Offboarding record: frank (acme)',
      '',
      '- Case: case-abc-def',
      '- Host: https://wandb.ai',
      `- Opened by: alice at ${T0}`,
      `- Last change: ${T1}`,
      '- Status: open, 4 of 9 steps settled',
      '',
      '## Before',
      ...BEFORE,
      '',
      '## After',
      '- Not re-read yet.',
      '',
      '## Steps',
      '| # | Step | Mode | State | Result | At |',
      '|---|---|---|---|---|---|',
      `| 1 | Record a snapshot | local | Done | Recorded. | ${T0} |`,
      `| 2 | Reassign team admin | guided | Done | zoe is admin of vision. | ${T1} |`,
      `| 3 | Deactivate their account | local | Skipped | Not on wandb.ai. | ${T0} |`,
      `| 4 | Identify and rotate automation using their key | guided | Reviewed by admin | alice checked the runs. | ${T1} |`,
      '| 5 | Remove from each team | automated | To do |  |  |',
      '| 6 | Remove from the organization | guided | Blocked | Waits for \\| the teams. |  |',
      '| 7 | Revoke their API keys | guided | To do |  |  |',
      '| 8 | Reclaim the seat | guided | To do |  |  |',
      '| 9 | Schedule a re-check | local | To do |  |  |',
      '',
      '## Impact found before the first step',
      '- Only admin of: vision',
      '- Last org admin: no',
      '- API keys: ci\\|key',
      '- Recent runs: 1',
      '- Service accounts in their teams: ci-bot',
      `- Invites they sent: W&B does not tell the toolkit reliably who sent an invite, so invites they sent cannot be listed here. Check the pending invites on the Members page.`,
      '',
      '## History',
      `- ${T0} [info] Case opened by alice.`,
      `- ${T1} [ok] zoe is now admin of \\<vision\\>.`,
      '',
    ]);
  });

  it('guard "after removal the record says they are gone; after a re-read it shows them as W&B does now"', () => {
    const removed = recordMarkdown(frankCase({ after: 'removed' })).split('\n');
    expect(removed.slice(removed.indexOf('## After'), removed.indexOf('## Steps'))).toEqual([
      '## After',
      '- Not a member of the organization (W&B’s state when last read).',
      '',
    ]);
    const still = frankCase();
    const reread = recordMarkdown({
      ...still,
      after: { ...still.impact.member, email: null, orgRole: null, modelsSeat: null, teams: [], takenAt: T1 },
    }).split('\n');
    expect(reread.slice(reread.indexOf('## After'), reread.indexOf('## Steps'))).toEqual([
      '## After',
      '- Username: frank',
      '- Name: Frank \\*F\\*',
      '- Email: not shown by W&B',
      '- Org role: not shown by W&B',
      '- Models seat: not shown; Weave access: not shown',
      '- Teams: none',
      `- Read at: ${T1}`,
      '',
    ]);
  });

  it('guard "what could not be read says why; what was read and empty says none"', () => {
    const base = frankCase();
    const unread = recordMarkdown({
      ...base,
      status: 'closed',
      impact: {
        ...base.impact,
        soleAdminTeams: [],
        lastOrgAdmin: true,
        apiKeys: { status: 'unreadable', reason: 'Only *instance* admins.' },
        runs: { status: 'unreadable', reason: 'Runs could not be read: 502.' },
        serviceAccounts: [],
        sentInvites: { status: 'read', items: [{ email: 'x@acme.test', team: null }] },
      },
    }).split('\n');
    expect(unread).toContain('- Status: closed by the admin with 4 of 9 steps settled; this record is final');
    const impact = unread.indexOf('## Impact found before the first step');
    expect(unread.slice(impact + 1, impact + 7)).toEqual([
      '- Only admin of: no team',
      '- Last org admin: yes',
      '- API keys: Only \\*instance\\* admins.',
      '- Recent runs: Runs could not be read: 502.',
      '- Service accounts in their teams: none',
      '- Invites they sent: 1',
    ]);
    const none = recordMarkdown({
      ...base,
      impact: { ...base.impact, apiKeys: { status: 'read', items: [] } },
    });
    expect(none.split('\n')).toContain('- API keys: none');
  });

  it('guard "several teams, keys and service accounts are listed apart"', () => {
    const base = frankCase();
    const lines = recordMarkdown({
      ...base,
      impact: {
        ...base.impact,
        soleAdminTeams: [
          { team: 'vision', candidates: [] },
          { team: 'nlp', candidates: [] },
        ],
        apiKeys: {
          status: 'read',
          items: [
            { name: 'ci', lastUsedAt: null },
            { name: 'laptop', lastUsedAt: null },
          ],
        },
        serviceAccounts: [
          { username: 'ci-bot', name: 'ci-bot', teams: ['nlp'] },
          { username: 'etl', name: 'etl', teams: ['nlp'] },
        ],
      },
    }).split('\n');
    expect(lines).toContain('- Only admin of: vision, nlp');
    expect(lines).toContain('- API keys: ci, laptop');
    expect(lines).toContain('- Service accounts in their teams: ci-bot, etl');
  });
});

describe('the JSON record', () => {
  it('guard "the JSON record carries the case, the member before and after, the impact and every step with its title"', () => {
    const c = frankCase({ after: 'removed', reinvite: { jobId: 'job-1', at: T1 } });
    const json = JSON.parse(recordJson(c));
    expect(json).toEqual({
      recordVersion: 1,
      case: 'case-abc-def',
      org: 'acme',
      host: 'https://wandb.ai',
      member: 'frank',
      openedBy: 'alice',
      openedAt: T0,
      updatedAt: T1,
      status: 'open',
      before: c.impact.member,
      after: 'removed',
      impact: {
        soleAdminTeams: ['vision'],
        lastOrgAdmin: false,
        apiKeys: { status: 'read', items: [{ name: 'ci|key', lastUsedAt: null }] },
        serviceAccounts: [{ username: 'ci-bot', name: 'ci-bot', teams: ['nlp'] }],
        runs: c.impact.runs,
        sentInvites: c.impact.sentInvites,
        complete: true,
      },
      reassign: [{ team: 'vision', to: null }],
      steps: STEPS.map((step, index) => ({
        ...step,
        title: [
          'Record a snapshot',
          'Reassign team admin',
          'Deactivate their account',
          'Identify and rotate automation using their key',
          'Remove from each team',
          'Remove from the organization',
          'Revoke their API keys',
          'Reclaim the seat',
          'Schedule a re-check',
        ][index],
      })),
      recheck: null,
      reinvite: { jobId: 'job-1', at: T1 },
      events: c.events,
    });
    expect(recordJson(c).endsWith('}\n')).toBe(true);
  });

  it('guard "a file name holds no path or odd characters": org and username are reduced to safe runs', () => {
    const c = frankCase({ org: 'acme lab/../x' });
    const odd = { ...c, impact: { ...c.impact, member: { ...c.impact.member, username: "o'brien+ops" } } };
    expect(recordFileName(odd, 'md')).toBe('wandb-acme_lab_.._x-offboarding-o_brien_ops-2026-11-28.md');
    expect(recordFileName(frankCase(), 'json')).toBe('wandb-acme-offboarding-frank-2026-11-28.json');
    expect(recordFileName(frankCase({ org: 'acme  lab' }), 'json')).toBe(
      'wandb-acme_lab-offboarding-frank-2026-11-28.json',
    );
  });
});
