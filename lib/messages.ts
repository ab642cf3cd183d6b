import { accessExpiryMessages } from './access-expiry/messages';
/**
 * Every message table, one line per tool (`npm run new-tool` adds one). The protocol types
 * (lib/messaging/protocol.ts) are inferred from this list, the background's dispatcher registers
 * a handler for every message in it (lib/background/tools.ts), and the README's message list is
 * generated from it (`npm run docs`).
 */
import { auditMessages } from './audit/messages';
import { diagnosticsMessages } from './diagnostics/messages';
import { exportMessages } from './export/messages';
import { hygieneMessages } from './hygiene/messages';
import { inviteMessages } from './invite/messages';
import { coreMessages } from './messaging/core-messages';
import type { MessageSpec } from './messaging/define';
import { offboardingMessages } from './offboarding/messages';
import { reconcileMessages } from './reconcile/messages';
import { settingsMessages } from './settings/messages';

export const MESSAGE_TABLES = {
  core: coreMessages,
  settings: settingsMessages,
  export: exportMessages,
  invite: inviteMessages,
  offboard: offboardingMessages,
  audit: auditMessages,
  diagnostics: diagnosticsMessages,
  hygiene: hygieneMessages,
  'access-expiry': accessExpiryMessages,
  reconcile: reconcileMessages,
};

type Tables = typeof MESSAGE_TABLES;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
/** Every message of every table, by name. */
export type AllMessages = UnionToIntersection<Tables[keyof Tables]>;
export type MessageType = keyof AllMessages & string;

/** Every message by name, for the dispatcher (a name declared in two tables is refused here). */
export const MESSAGES: AllMessages = (() => {
  const all: Record<string, MessageSpec> = {};
  for (const [tool, table] of Object.entries(MESSAGE_TABLES)) {
    for (const [type, spec] of Object.entries(table)) {
      if (Object.hasOwn(all, type)) throw new Error(`Message ${type} of ${tool} is declared twice.`);
      all[type] = spec as MessageSpec;
    }
  }
  return all as AllMessages;
})();

/** True for the message types this protocol defines. */
export function isKnownMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(MESSAGES, type);
}
