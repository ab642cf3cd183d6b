/**
 * The background's dispatcher, driven by the message tables: for every message it checks the
 * sender (trusted, of a kind the message allows, a toolkit frame bound to its page), parses the
 * payload with the message's zod schema, runs its handler and answers with a `Result` value
 * (never a thrown error) so an error's kind reaches the UI. Unknown message types get a typed error.
 */
import { type AllMessages, isKnownMessageType, MESSAGES, type MessageType } from '../messages';
import type { MessageSpec, ParsedOf, ProtocolError, Result } from '../messaging/define';
import { refusalFor } from '../messaging/define';
import { onMessage } from '../messaging/protocol';
import { toWandbErrorData, WandbError } from '../wandb/errors';
import { BadRequest } from './bad-request';
import type { BackgroundDeps, Verified } from './deps';
import { bindFrame } from './page-access';
import { checkSender, type SenderLike } from './senders';
import { allHandlers } from './tools';

/** Checks sender and payload, then runs the handler; every failure becomes a typed error value. */
export async function runHandler<T extends MessageType, R>(
  deps: BackgroundDeps,
  type: T,
  rawData: unknown,
  rawSender: SenderLike,
  handler: (data: ParsedOf<AllMessages[T]>, sender: Verified) => Promise<R>,
): Promise<Result<R>> {
  const spec: MessageSpec = MESSAGES[type];
  const verdict = checkSender(rawSender, {
    extensionId: deps.extensionId,
    extensionOrigin: deps.extensionOrigin,
    extraAppOrigins: await deps.extraAppOrigins(),
  });
  const verified = verdict.trusted ? await bindFrame(deps, type, verdict) : verdict;
  if (!verified.trusted) {
    deps.logRejected(`${type}: ${verified.reason}`);
    return {
      ok: false,
      error: { kind: 'forbidden-sender', message: 'This sender may not use the toolkit.' },
    };
  }
  if (!spec.senders.includes(verified.kind)) {
    return { ok: false, error: { kind: 'bad-request', message: refusalFor(spec) } };
  }
  const parsed = spec.schema.safeParse(rawData);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(payload)';
    return {
      ok: false,
      error: {
        kind: 'bad-request',
        field,
        message: `Malformed ${type} message: ${field}: ${issue?.message}`,
      },
    };
  }
  try {
    return { ok: true, data: await handler(parsed.data as ParsedOf<AllMessages[T]>, verified) };
  } catch (error) {
    return { ok: false, error: toProtocolError(error) };
  }
}

function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof WandbError) return toWandbErrorData(error);
  if (error instanceof BadRequest) return { kind: 'bad-request', message: error.message };
  return toWandbErrorData(error);
}

/** Registers a handler for every message of every table, plus a catch-all that refuses unknown message types. */
export function registerHandlers(
  deps: BackgroundDeps,
  addRawListener: (listener: RawListener) => void,
): void {
  const handlers = allHandlers(deps);
  for (const type of Object.keys(MESSAGES) as MessageType[]) {
    const handler = handlers[type] as (data: unknown, sender: Verified) => Promise<unknown>;
    // The protocol's types are per message; the loop sees their union, hence the widening.
    (onMessage as (type: string, listener: (m: { data: unknown; sender: SenderLike }) => unknown) => void)(
      type,
      ({ data, sender }) => runHandler(deps, type, data, sender, handler),
    );
  }
  addRawListener(refuseUnknownMessages(deps));
}

/** Answers any message whose type the protocol does not define with a typed error; runs nothing. */
export function refuseUnknownMessages(deps: Pick<BackgroundDeps, 'logRejected'>): RawListener {
  return (message) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (isKnownMessageType(type)) return undefined;
    deps.logRejected(
      `unknown message type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`,
    );
    const error: ProtocolError = { kind: 'bad-request', message: 'Unknown message type.' };
    return Promise.resolve({ res: { ok: false, error } satisfies Result<never> });
  };
}

/** A raw runtime.onMessage listener: returns a promise to answer, or undefined to stay silent. */
export type RawListener = (message: unknown) => Promise<unknown> | undefined;
