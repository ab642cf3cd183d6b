/**
 * The offboarding dialog's messages, and the one declaration of a step action: a discriminated
 * union on `action` (and on `step` for `run`), so a combination that makes no sense (a choice on a
 * step other than reassign, org removal without the typed username) is refused by the payload
 * parse, and the background, the service and the dialog all use the types inferred from it.
 * Handlers: lib/offboarding/background.ts.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl, teamName, text } from '../messaging/fields';
import { type Impact, type OffboardingCase, STEP_IDS } from './model';

const caseId = z.string().regex(/^case-[a-z0-9]+-[a-z0-9]+$/);
const username = text(200).min(1);
const RUN_PLAIN = STEP_IDS.filter(
  (step): step is Exclude<(typeof STEP_IDS)[number], 'remove-org' | 'recheck'> =>
    step !== 'remove-org' && step !== 'recheck',
);
const where = { pageUrl, caseId };
const act = <A extends string, S extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(
  action: A,
  step: S,
  extra?: E,
) => z.object({ ...where, action: z.literal(action), step, ...(extra ?? ({} as E)) }).strict();
/** An `offboardAct` payload: where (page and case), and what to do on which step. */
const offboardAct = z.discriminatedUnion('action', [
  z.discriminatedUnion('step', [
    act('run', z.literal('remove-org'), {
      confirm: z.string({ error: 'run on remove-org needs the typed username.' }).max(200),
    }),
    act('run', z.literal('recheck'), { days: z.int().min(1).max(365).default(30) }),
    act('run', z.enum(RUN_PLAIN)),
  ]),
  act('verify', z.enum(STEP_IDS)),
  act('skip', z.enum(STEP_IDS), {
    reason: z.string({ error: 'skip needs a reason.' }).min(1, 'skip needs a reason.').max(1000),
  }),
  act(
    'confirm',
    z.enum(['automation', 'revoke-keys'], {
      error: 'Only the automation review and key revocation take a confirmation.',
    }),
  ),
  act('choose', z.literal('reassign', { error: 'Only the reassign step takes a choice.' }), {
    team: teamName.min(1, 'choose needs a team.'),
    to: text(200).min(1, 'choose needs the new admin.'),
  }),
  act('review', z.literal('automation', { error: 'Only the automation step takes a review.' }), {
    reviewed: z.array(text(600)).max(5000).default([]),
  }),
  act('prepare', z.literal('remove-org', { error: 'Only org removal is prepared.' })),
  act('ack', z.literal('recheck', { error: 'Only the re-check is acknowledged.' })),
]);

type WithoutWhere<T> = T extends unknown ? Omit<T, keyof typeof where> : never;
/** What an admin asks a step to do, as the background's service gets it (defaults applied). */
export type StepAction = WithoutWhere<z.output<typeof offboardAct>>;
/** What the dialog sends for a step (before defaults). */
export type StepRequest = WithoutWhere<z.input<typeof offboardAct>>;

const toolkit = ['toolkit-frame'] as const;

export const offboardingMessages = {
  offboardImpact: message<Impact>()({
    doc: 'The offboarding dialog reads the impact of offboarding one member (nothing is changed)…',
    schema: z.object({ pageUrl, username }).strict(),
    senders: toolkit,
  }),
  offboardStart: message<OffboardingCase>()({
    doc: '…opens a case for them (refused for the last org admin)…',
    schema: z.object({ pageUrl, username }).strict(),
    senders: toolkit,
  }),
  offboardCases: message<OffboardingCase[]>()({
    doc: "…lists this org's cases (open ones resume where the admin left off)…",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  offboardAct: message<OffboardingCase>()({
    doc: '…acts on one step: run, verify, skip (with a reason), confirm, choose a new team admin, review, prepare, acknowledge…',
    schema: offboardAct,
    senders: toolkit,
  }),
  offboardRecord: message<{ fileName: string; text: string }>()({
    doc: "…downloads the case's record…",
    schema: z.object({ pageUrl, caseId, format: z.enum(['json', 'md']) }).strict(),
    senders: toolkit,
  }),
  offboardReinvite: message<{ case: OffboardingCase; jobId: string; notes: string[] }>()({
    doc: "…re-invites the member with the snapshot's teams and roles (a bulk-invite job)…",
    schema: z.object({ pageUrl, caseId }).strict(),
    senders: toolkit,
  }),
  offboardClose: message<OffboardingCase>()({
    doc: '…closes a case…',
    schema: z.object({ pageUrl, caseId }).strict(),
    senders: toolkit,
  }),
  offboardDelete: message<OffboardingCase[]>()({
    doc: '…and deletes a stored case (after the admin confirms; nothing changes on W&B), answering the cases left.',
    schema: z.object({ pageUrl, caseId }).strict(),
    senders: toolkit,
  }),
  offboardDue: message<DueRecheck[]>()({
    doc: "The action's popup lists the re-check results the badge counts (who, which org and host, back or not)…",
    schema: z.object({}).strict(),
    senders: ['extension-page'],
    refusal: "Only the toolkit's own pages (its popup) can do this.",
  }),
  offboardOpenCase: message<{ opened: true }>()({
    doc: "…and opens one: the case's org members page in a new tab, with the checklist open on that case.",
    schema: z.object({ caseId }).strict(),
    senders: ['extension-page'],
    refusal: "Only the toolkit's own pages (its popup) can do this.",
  }),
};

/** A re-check result not yet seen by the admin: what the action's badge counts. */
export interface DueRecheck {
  caseId: string;
  username: string;
  org: string;
  appOrigin: string;
  result: 'clear' | 'back';
  /** When the re-check read W&B (ISO 8601); null when not kept. */
  firedAt: string | null;
}
