/**
 * The one messaging protocol between the extension's pages / content scripts and the background.
 * Its types are inferred from the message tables (`lib/<tool>/messages.ts`, listed in
 * lib/messages.ts); this file imports them as types only, so a sender — the route watcher on every
 * W&B page, the toolkit frame, the options page — carries no zod and no background code. The
 * background parses every payload and checks the sender before doing anything
 * (lib/background/dispatch.ts). There is deliberately no message that lets a caller choose a URL,
 * a GraphQL document or a mutation.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AllMessages } from '../messages';
import type { CapabilitiesReply } from './core-messages';
import type { ProtocolError, ProtocolOf, Result } from './define';

export type { CapabilitiesReply, ProtocolError, Result };

export type ProtocolMap = ProtocolOf<AllMessages>;

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
