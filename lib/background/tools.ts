import { accessExpiryHandlers } from '../access-expiry/background';
/**
 * The background half of every tool, one line each (`npm run new-tool` adds one), keyed like the
 * message tables in lib/messages.ts: a tool whose handlers are missing here, or whose handlers do
 * not match its table, is a type error.
 */
import { auditHandlers } from '../audit/background';
import { diagnosticsHandlers } from '../diagnostics/background';
import { exportHandlers } from '../export/background';
import { hygieneHandlers } from '../hygiene/background';
import { inviteHandlers } from '../invite/background';
import type { MESSAGE_TABLES, MessageType } from '../messages';
import { offboardingHandlers } from '../offboarding/background';
import { reconcileHandlers } from '../reconcile/background';
import { coreHandlers } from './core-handlers';
import type { BackgroundDeps, ToolHandlers, Verified } from './deps';
import { keyHandlers } from './key-handlers';

type Tables = typeof MESSAGE_TABLES;

export const TOOL_HANDLERS: { [K in keyof Tables]: ToolHandlers<Tables[K]> } = {
  core: coreHandlers,
  settings: keyHandlers,
  export: exportHandlers,
  invite: inviteHandlers,
  offboard: offboardingHandlers,
  audit: auditHandlers,
  diagnostics: diagnosticsHandlers,
  hygiene: hygieneHandlers,
  'access-expiry': accessExpiryHandlers,
  reconcile: reconcileHandlers,
};

/** Every message's handler by name, built from the deps. */
export function allHandlers(
  deps: BackgroundDeps,
): Record<MessageType, (data: never, sender: Verified) => Promise<unknown>> {
  const all: Record<string, (data: never, sender: Verified) => Promise<unknown>> = {};
  for (const tool of Object.values(TOOL_HANDLERS) as ToolHandlers<Tables[keyof Tables]>[]) {
    Object.assign(all, tool.handlers(deps));
  }
  return all as Record<MessageType, (data: never, sender: Verified) => Promise<unknown>>;
}
