/**
 * How a message is declared, once: its payload schema (parsed with zod in the background), the
 * senders that may send it, a one-line doc (the README's message list is generated from it) and
 * its reply type. Each tool declares its messages in `lib/<tool>/messages.ts` with `message<Reply>()`;
 * the protocol types (`ProtocolMap`) are inferred from those tables and the background's
 * dispatcher is driven by them. This file imports no tool.
 */
import type { z } from 'zod';
import type { WandbErrorData } from '../wandb/errors';

/** Who may send a message, as the background's sender check classifies it (lib/background/senders.ts). */
export type SenderKind = 'content-script' | 'toolkit-frame' | 'extension-page';

/** An error the background reports instead of throwing across the message boundary. */
export type ProtocolError =
  | WandbErrorData
  | { kind: 'bad-request'; message: string; field?: string }
  | { kind: 'forbidden-sender'; message: string };

/** Every reply is a value, never a thrown error, so its kind survives serialisation. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export interface MessageSpec<S extends z.ZodType = z.ZodType, R = unknown> {
  schema: S;
  /** The sender kinds that may send it; any other trusted sender gets `refusal` as a bad request. */
  senders: readonly SenderKind[];
  /** One line for the README's message list: who sends it and what it does. */
  doc: string;
  /** The answer to a trusted sender of another kind (default: from `senders`). */
  refusal?: string;
  /** Type only: the reply's data (never set at run time). */
  readonly reply?: R;
}

export type MessageTable = Record<string, MessageSpec>;

/** Declares one message whose reply data is `R`: `message<{ jobId: string }>()({ schema, senders, doc })`. */
export function message<R>() {
  return <S extends z.ZodType>(spec: Omit<MessageSpec<S, R>, 'reply'>): MessageSpec<S, R> => spec;
}

/** What a sender passes (defaults not yet applied). */
export type PayloadOf<M> = M extends MessageSpec<infer S, unknown> ? z.input<S> : never;
/** What a handler receives: the payload as the schema parsed it. */
export type ParsedOf<M> = M extends MessageSpec<infer S, unknown> ? z.output<S> : never;
/** The reply data of a message. */
export type ReplyOf<M> = M extends MessageSpec<z.ZodType, infer R> ? R : never;

/** The protocol map @webext-core/messaging wants, inferred from a message table. */
export type ProtocolOf<T extends MessageTable> = {
  [K in keyof T]: (data: PayloadOf<T[K]>) => Result<ReplyOf<T[K]>>;
};

/** One object holding every table of a list (a message name is declared in exactly one table). */
export type Merged<L extends readonly MessageTable[]> = L extends readonly [
  infer H extends MessageTable,
  ...infer R extends readonly MessageTable[],
]
  ? H & Merged<R>
  : unknown;

/** What a disallowed (but otherwise trusted) sender is told, from the senders a message allows. */
export function refusalFor(spec: Pick<MessageSpec, 'senders' | 'refusal'>): string {
  if (spec.refusal) return spec.refusal;
  const allowed = new Set(spec.senders);
  if (allowed.size === 1 && allowed.has('extension-page'))
    return 'Only the toolkit options page can do this.';
  if (allowed.size === 1 && allowed.has('content-script')) return 'Only a W&B page can ask for this.';
  if (allowed.size === 1 && allowed.has('toolkit-frame'))
    return 'Only the toolkit on a W&B page can ask for this.';
  return 'Only the toolkit can ask for this.';
}
