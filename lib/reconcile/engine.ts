/**
 * The reconciliation's work, as requests and replies: the worker (./worker.ts) runs it off the W&B
 * page's thread, so reading a 50,000-row export and matching it against 50,000 members never holds
 * the page; without workers (unit tests) the same code runs in the dialog's thread
 * (./engine-client.ts). The engine keeps the members and the input it was given, so the dialog
 * sends them once and then only what changes (columns, domains, links).
 */
import { z } from 'zod';
import type { ColumnMapping } from '../invite/columns';
import {
  INVITE_DELIMITERS,
  type InviteParseError,
  type InviteParseOverrides,
  type ParsedInviteInput,
  parseInviteInput,
} from '../invite/parse';
import { reconcile } from './match';
import { detectIdpFormat, type IdpFormat, type IdpRead, readIdpPeople } from './read';
import type { ReconcileInvite, ReconcileMember, ReconcileResult } from './types';

/** How the rows were read, without the people (the result carries those the dialog needs). */
export type IdpReadSummary = Omit<IdpRead, 'people'>;

/** The most rows of an export one reconciliation reads (a company's whole directory, not one invite batch). */
export const MAX_IDP_ROWS = 200_000;

/** What the dialog shows of how the input was read (everything but the rows). */
export type IdpInputRead =
  | { ok: false; error: InviteParseError }
  | ({ ok: true; format: IdpFormat; rows: number } & Omit<ParsedInviteInput, 'ok' | 'records'>);

export type EngineRequest =
  | { type: 'members'; seq: number; reset: boolean; members: ReconcileMember[]; invites: ReconcileInvite[] }
  | {
      type: 'read';
      seq: number;
      input: { text: string } | { bytes: ArrayBuffer; fileName: string };
      overrides: InviteParseOverrides;
    }
  | {
      type: 'reconcile';
      seq: number;
      mapping: ColumnMapping;
      allowedDomains: string[];
      links: SamePersonLinkData[];
    };

type SamePersonLinkData = { username: string; idpEmail: string; memberEmail: string; linkedAt: string };

export type EngineReply =
  | { type: 'members'; seq: number; members: number }
  | { type: 'read'; seq: number; read: IdpInputRead }
  | { type: 'reconcile'; seq: number; read: IdpReadSummary; result: ReconcileResult }
  | { type: 'error'; seq: number; message: string };

// Bounds on what the dialog may hand over, generous: W&B names run long (a 10,000-character one
// is in the security suite), and a member's teams are one joined string.
const text = z.string().max(20_000);
const memberSchema = z.object({
  username: text,
  name: text,
  email: text,
  orgRole: text,
  modelsSeat: text,
  weaveAccess: text,
  status: z.enum(['active', 'deactivated']),
  accountType: z.enum(['user', 'service']),
  teams: z.string().max(1_000_000),
  lastActiveAt: text,
});
const column = z.int().min(0).nullable();

/** Requests as the worker checks them: it answers only what parses. */
export const engineRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('members'),
    seq: z.int(),
    reset: z.boolean(),
    members: z.array(memberSchema).max(50_000),
    invites: z.array(z.object({ email: text, team: text })).max(50_000),
  }),
  z.object({
    type: z.literal('read'),
    seq: z.int(),
    input: z.union([
      z.object({ text: z.string() }),
      z.object({ bytes: z.instanceof(ArrayBuffer), fileName: text }),
    ]),
    overrides: z.object({
      delimiter: z.enum(INVITE_DELIMITERS).optional(),
      hasHeader: z.boolean().optional(),
    }),
  }),
  z.object({
    type: z.literal('reconcile'),
    seq: z.int(),
    mapping: z.object({
      email: column,
      name: column,
      firstName: column,
      lastName: column,
      teams: column,
      teamRole: column,
      orgRole: column,
      idpStatus: column,
    }),
    allowedDomains: z.array(text).max(500),
    links: z
      .array(z.object({ username: text, idpEmail: text, memberEmail: text, linkedAt: text }))
      .max(100_000),
  }),
]);

export interface EngineState {
  members: ReconcileMember[];
  invites: ReconcileInvite[];
  parsed: ParsedInviteInput | null;
}

export function createEngineState(): EngineState {
  return { members: [], invites: [], parsed: null };
}

const ROW_LIMIT = {
  maxRows: MAX_IDP_ROWS,
  tooMany: (max: string) =>
    `This export has more than ${max} rows, the most one reconciliation reads. Export the accounts of the allowed domains only, or split the file by department, and reconcile each part.`,
};

/** Runs one request against the state; the reply carries the request's `seq`. */
export function handleEngineRequest(state: EngineState, request: EngineRequest): EngineReply {
  if (request.type === 'members') {
    if (request.reset) {
      state.members = [];
      state.invites = [];
    }
    state.members.push(...request.members);
    state.invites.push(...request.invites);
    return { type: 'members', seq: request.seq, members: state.members.length };
  }
  if (request.type === 'read') {
    const parsed = parseInviteInput(request.input, request.overrides, ROW_LIMIT);
    state.parsed = parsed.ok ? parsed : null;
    if (!parsed.ok) return { type: 'read', seq: request.seq, read: parsed };
    const { records, ok: _ok, ...shown } = parsed;
    const status = parsed.mapping.idpStatus;
    const format = detectIdpFormat(
      parsed,
      status === null ? [] : records.slice(0, 1000).map((record) => record.cells[status] ?? ''),
    );
    return { type: 'read', seq: request.seq, read: { ok: true, format, rows: records.length, ...shown } };
  }
  if (!state.parsed) return { type: 'error', seq: request.seq, message: 'Nothing has been read yet.' };
  if (request.mapping.email === null)
    return {
      type: 'error',
      seq: request.seq,
      message: 'No email column: choose which column holds the email.',
    };
  const read = readIdpPeople(state.parsed, request.mapping);
  const result = reconcile(state.members, read.people, state.invites, {
    allowedDomains: request.allowedDomains,
    links: request.links,
  });
  const { people: _people, ...summary } = read;
  return { type: 'reconcile', seq: request.seq, read: summary, result };
}
