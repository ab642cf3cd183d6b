/**
 * The case's record: who was offboarded, by whom, when, what they had before and after, and each
 * step's result with its history. JSON for machines, Markdown for a ticket. Built in the
 * background, so the page's UI bundle does not carry it.
 */
import type { MemberSnapshot, OffboardingCase } from './model';
import { caseStatusText, STATE_LABELS, STEP_TITLES } from './steps';

export const RECORD_VERSION = 1;

/** The file name of a record: org, member and the case's creation date. */
export function recordFileName(c: OffboardingCase, format: 'json' | 'md'): string {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `wandb-${safe(c.org)}-offboarding-${safe(c.impact.member.username)}-${c.createdAt.slice(0, 10)}.${format}`;
}

export function recordJson(c: OffboardingCase): string {
  return `${JSON.stringify(
    {
      recordVersion: RECORD_VERSION,
      case: c.id,
      org: c.org,
      host: c.appOrigin,
      member: c.impact.member.username,
      openedBy: c.actor,
      openedAt: c.createdAt,
      updatedAt: c.updatedAt,
      status: c.status,
      before: c.impact.member,
      after: c.after,
      impact: {
        soleAdminTeams: c.impact.soleAdminTeams.map((entry) => entry.team),
        lastOrgAdmin: c.impact.lastOrgAdmin,
        apiKeys: c.impact.apiKeys,
        serviceAccounts: c.impact.serviceAccounts,
        runs: c.impact.runs,
        sentInvites: c.impact.sentInvites,
        complete: c.impact.complete,
      },
      reassign: c.reassign,
      steps: c.steps.map((step) => ({ ...step, title: STEP_TITLES[step.id] })),
      recheck: c.recheck,
      reinvite: c.reinvite,
      events: c.events,
    },
    null,
    2,
  )}\n`;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Text from W&B (names are chosen by users and may contain markup) made inert in a Markdown line
 * or table cell. Only what could start markup there is escaped — backslash, backtick, asterisk,
 * square and angle brackets, pipe, tilde, an underscore not inside a word, an ampersand that would
 * start an entity — so an address or `item(s)` reads as written.
 */
export function mdText(value: string): string {
  return value
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]<>|~]/g, (char) => `\\${char}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/_/g, (char, at: number, text: string) =>
      WORD_CHAR.test(text[at - 1] ?? '') && WORD_CHAR.test(text[at + 1] ?? '') ? char : `\\${char}`,
    );
}

function memberLines(member: MemberSnapshot): string[] {
  return [
    `- Username: ${mdText(member.username)}`,
    `- Name: ${mdText(member.name)}`,
    `- Email: ${member.email ? mdText(member.email) : 'not shown by W&B'}`,
    `- Org role: ${member.orgRole ? mdText(member.orgRole) : 'not shown by W&B'}`,
    `- Models seat: ${member.modelsSeat ? mdText(member.modelsSeat) : 'not shown'}; Weave access: ${member.weaveAccess ? mdText(member.weaveAccess) : 'not shown'}`,
    `- Teams: ${member.teams.length ? member.teams.map((t) => `${mdText(t.team)} (${mdText(t.role)})`).join(', ') : 'none'}`,
    `- Read at: ${member.takenAt}`,
  ];
}

export function recordMarkdown(c: OffboardingCase): string {
  const lines = [
    `# Offboarding record: ${mdText(c.impact.member.username)} (${mdText(c.org)})`,
    '',
    `- Case: ${c.id}`,
    `- Host: ${c.appOrigin}`,
    `- Opened by: ${mdText(c.actor)} at ${c.createdAt}`,
    `- Last change: ${c.updatedAt}`,
    `- Status: ${caseStatusText(c)}`,
    '',
    '## Before',
    ...memberLines(c.impact.member),
    '',
    '## After',
    ...(c.after === null
      ? ['- Not re-read yet.']
      : c.after === 'removed'
        ? ['- Not a member of the organization (W&B’s state when last read).']
        : memberLines(c.after)),
    '',
    '## Steps',
    '| # | Step | Mode | State | Result | At |',
    '|---|---|---|---|---|---|',
    ...c.steps.map(
      (step, index) =>
        `| ${index + 1} | ${STEP_TITLES[step.id]} | ${step.mode} | ${STATE_LABELS[step.state]} | ${mdText(step.note ?? '')} | ${step.at ?? ''} |`,
    ),
    '',
    '## Impact found before the first step',
    `- Only admin of: ${c.impact.soleAdminTeams.length ? c.impact.soleAdminTeams.map((t) => mdText(t.team)).join(', ') : 'no team'}`,
    `- Last org admin: ${c.impact.lastOrgAdmin ? 'yes' : 'no'}`,
    `- API keys: ${c.impact.apiKeys.status === 'read' ? c.impact.apiKeys.items.map((k) => mdText(k.name)).join(', ') || 'none' : mdText(c.impact.apiKeys.reason)}`,
    `- Recent runs: ${c.impact.runs.status === 'read' ? String(c.impact.runs.items.length) : mdText(c.impact.runs.reason)}`,
    `- Service accounts in their teams: ${c.impact.serviceAccounts.map((s) => mdText(s.username)).join(', ') || 'none'}`,
    `- Invites they sent: ${c.impact.sentInvites.status === 'read' ? String(c.impact.sentInvites.items.length) : mdText(c.impact.sentInvites.reason)}`,
    '',
    '## History',
    ...c.events.map((event) => `- ${event.at} [${event.result}] ${mdText(event.detail)}`),
    '',
  ];
  return lines.join('\n');
}
