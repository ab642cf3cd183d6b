import { describe, expect, it } from 'vitest';
import { analyseImpact } from '@/lib/offboarding/impact';
import {
  type OffboardingCase,
  offboardingCaseSchema,
  SESSION_CAPABILITIES,
  type StepId,
} from '@/lib/offboarding/model';
import { mdText, recordMarkdown } from '@/lib/offboarding/record';
import {
  caseStatusText,
  closeIfSettled,
  completeStep,
  isSettled,
  planSteps,
  reviewStep,
  skipStep,
  stepOf,
  whyNotActionable,
} from '@/lib/offboarding/steps';
import { directoryOf, member } from '../export/fixtures';

const T0 = '2026-11-28T10:00:00.000Z';
const T1 = '2026-11-29T09:00:00.000Z';

function frankCase(): OffboardingCase {
  const directory = directoryOf([
    member({ username: 'alice', orgRole: 'admin', teams: [] }),
    member({ username: 'frank', email: 'frank_x@acme.test', teams: [{ team: 'vision', role: 'member' }] }),
  ]);
  const impact = analyseImpact(
    directory,
    'frank',
    { apiKeys: { status: 'unreadable', reason: 'no' }, runs: { status: 'read', items: [] } },
    T0,
  );
  return offboardingCaseSchema.parse({
    id: 'case-abc-def',
    appOrigin: 'https://wandb.ai',
    org: 'acme',
    actor: 'alice',
    createdAt: T0,
    updatedAt: T0,
    status: 'open',
    impact,
    steps: planSteps(impact, SESSION_CAPABILITIES, T0),
    reassign: [],
    reviewed: [],
    after: null,
    recheck: null,
    reinvite: null,
    events: [],
  });
}

/** Settles every step the plan left open, each the way the checklist would. */
function settleAll(c: OffboardingCase): OffboardingCase {
  let next = c;
  const order: StepId[] = [
    'automation',
    'remove-teams',
    'remove-org',
    'revoke-keys',
    'reclaim-seat',
    'recheck',
  ];
  for (const id of order) {
    if (isSettled(stepOf(next, id))) continue;
    next =
      id === 'automation' || id === 'revoke-keys'
        ? reviewStep(next, id, 'alice confirmed it.', T1)
        : completeStep(next, id, 'checked', T1);
  }
  return next;
}

describe('reviewed by admin', () => {
  it('settles the step as reviewed (not skipped), with the time and an event saying so', () => {
    const c = reviewStep(frankCase(), 'revoke-keys', 'alice confirmed revoking them.', T1);
    expect(stepOf(c, 'revoke-keys')).toEqual({
      id: 'revoke-keys',
      mode: 'guided',
      state: 'reviewed',
      note: 'alice confirmed revoking them.',
      at: T1,
    });
    expect(c.events.at(-1)).toEqual({
      at: T1,
      step: 'revoke-keys',
      result: 'info',
      detail: 'Revoke their API keys reviewed by admin: alice confirmed revoking them.',
    });
    expect(isSettled(stepOf(c, 'revoke-keys'))).toBe(true);
    expect(whyNotActionable(c, 'revoke-keys')).toBe(
      'Revoke their API keys was already reviewed by the admin.',
    );
  });

  it('is refused on a blocked step, as a skip is', () => {
    expect(() => reviewStep(frankCase(), 'reclaim-seat', 'x', T1)).toThrow('Waits for the removal');
  });

  it('a reviewed step unblocks the steps that wait for it', () => {
    // revoke-keys has no dependants; automation neither — but reviewed counts as settled for dependencies.
    const c = reviewStep(completeStep(frankCase(), 'remove-teams', 'ok', T1), 'automation', 'ok', T1);
    expect(stepOf(c, 'remove-org').state).toBe('todo');
  });
});

describe('a case closes itself', () => {
  it('stays open while any step is unsettled', () => {
    const c = reviewStep(frankCase(), 'automation', 'ok', T1);
    expect(closeIfSettled(c, T1)).toBe(c);
    expect(caseStatusText(c)).toBe('open, 4 of 9 steps settled');
  });

  it('closes once every step is settled, with an event, and nothing in it is actionable after', () => {
    const settled = settleAll(frankCase());
    expect(settled.status).toBe('open');
    const closed = closeIfSettled(settled, T1);
    expect(closed.status).toBe('closed');
    expect(closed.updatedAt).toBe(T1);
    expect(closed.events.at(-1)).toEqual({
      at: T1,
      step: null,
      result: 'info',
      detail: 'Case closed: every step is settled.',
    });
    expect(whyNotActionable(closed, 'recheck')).toBe('This case is closed.');
    expect(caseStatusText(closed)).toBe('closed, every step settled; this record is final');
    // Closing is done once: a closed case is returned as it is.
    expect(closeIfSettled(closed, '2026-12-01T00:00:00.000Z')).toBe(closed);
  });

  it('a case the admin closed early says how much was settled', () => {
    const c = { ...skipStep(frankCase(), 'revoke-keys', 'x', T1), status: 'closed' as const };
    expect(caseStatusText(c)).toBe('closed by the admin with 4 of 9 steps settled; this record is final');
  });
});

describe('the Markdown record reads as plain text', () => {
  it.each([
    ['dave@acme.test', 'dave@acme.test'],
    ['item(s) checked.', 'item(s) checked.'],
    ['frank_x and snake_case', 'frank_x and snake_case'],
    ['1. not a list - nor + this # or that!', '1. not a list - nor + this # or that!'],
    ['_leading and trailing_', '\\_leading and trailing\\_'],
    [
      '**bold** `code` [link](https://x.test) <img> a|b ~~gone~~',
      '\\*\\*bold\\*\\* \\`code\\` \\[link\\](https://x.test) \\<img\\> a\\|b \\~\\~gone\\~\\~',
    ],
    ['back\\slash', 'back\\\\slash'],
    ['&amp; &#60; & alone', '\\&amp; \\&#60; & alone'],
    ['two\nlines\r\nhere', 'two lines here'],
  ])('%j → %j', (text, expected) => {
    expect(mdText(text)).toBe(expected);
  });

  it('shows each step by its label and the final status', () => {
    const md = recordMarkdown(closeIfSettled(settleAll(frankCase()), T1));
    expect(md).toContain('- Status: closed, every step settled; this record is final\n');
    expect(md).toContain('- Email: frank_x@acme.test\n');
    expect(md).toContain(
      `| 4 | Identify and rotate automation using their key | guided | Reviewed by admin | alice confirmed it. | ${T1} |`,
    );
    expect(md).toContain(
      '| 2 | Reassign team admin | local | Skipped | They are not the only admin of any team. |',
    );
    expect(md).toContain(`| 5 | Remove from each team | automated | Done | checked | ${T1} |`);
    // On wandb.ai the record says in one line why access ends at the organization step.
    expect(md).toContain(
      '| 3 | Deactivate their account | local | Skipped | wandb.ai has no deactivation that keeps the member (SCIM active: false removes the user there), so access ends at “Remove from the organization”. |',
    );
  });
});
