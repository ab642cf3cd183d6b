/**
 * What the background's message handlers get: the browser and W&B services (injected so tests can
 * fake them), the verified sender, and the handler-table types each tool's background module
 * (`lib/<tool>/background.ts`) is checked against. Imports no handler and no tool module.
 */

import type { AccessExpiryService } from '../access-expiry/service';
import type { AllMessages, MessageType } from '../messages';
import type { MessageTable, ParsedOf, ReplyOf } from '../messaging/define';
import type { DirectoryScope, DirectorySummary } from '../wandb/directory';
import type { GraphqlTransport } from '../wandb/graphql';
import type { AdminRoute } from '../wandb/pages';
import type { AdminKeyService } from './admin-key';
import type { DirectoryJobs } from './directory-jobs';
import type { InviteJobs } from './invite-jobs';
import type { Launches } from './launches';
import type { Offboarding } from './offboarding';
import type { SenderVerdict } from './senders';
import type { FrameBinding, ToolkitFrames } from './toolkit-frames';

/** What the handlers need from the browser and the W&B client; injected so tests can fake it. */
export interface BackgroundDeps {
  extensionId: string;
  extensionOrigin: string;
  /** Dedicated / self-managed W&B app origins the admin added (and granted) in the options page. */
  extraAppOrigins(): readonly string[] | Promise<readonly string[]>;
  /** The admin API key: test, keep, forget, and the SCIM writes. */
  adminKey: AdminKeyService;
  /** Opens the extension's options page. */
  openOptionsPage(): Promise<void>;
  /** Opens `url` in a new tab; resolves with the tab's id. */
  openTab(url: string): Promise<number>;
  /** Tools to open in a tab once its toolkit frame says hello (./launches.ts). */
  launches: Launches;
  /** True while the browser grants the extension access to `appOrigin` (and, for wandb.ai, its API host). */
  hostPermitted(appOrigin: string): Promise<boolean>;
  /** Added hosts: register the toolkit on a host whose permission was just granted, or remove one. */
  hosts: {
    added(origin: string): Promise<string[]>;
    remove(origin: string): Promise<string[]>;
  };
  /** Injects the toolkit UI bundle into the asking document (`documentId`, where known), else one frame of a tab. */
  injectToolkit(tabId: number, frameId: number, documentId?: string): Promise<void>;
  /** The session's GraphQL transport for a W&B app origin (the diagnostics report's queries). */
  sessionTransport(appOrigin: string): Promise<GraphqlTransport>;
  /** Figures for the toolkit bar on an admin route of a W&B app origin. */
  loadSummary(appOrigin: string, route: AdminRoute, refresh: boolean): Promise<DirectorySummary>;
  /** Bulk-invite jobs, kept in storage. */
  inviteJobs: InviteJobs;
  /** Full directory loads for export, one job per request. */
  directoryJobs: DirectoryJobs;
  /** The directory scope an admin route shows, on a W&B app origin (resolves `/<name>/settings`). */
  scopeFor(appOrigin: string, route: AdminRoute): Promise<DirectoryScope>;
  /** Offboarding cases, kept in storage. */
  offboarding: Offboarding;
  /** Time-bound access: members' last days of access, their alarm and badge. */
  accessExpiry: AccessExpiryService;
  /** Logs a refused message once per reason; never logs payloads. */
  logRejected(reason: string): void;
  /** The toolkit UI frames and the pages they were opened on. */
  toolkitFrames: ToolkitFrames;
}

/**
 * A sender that passed the checks. A toolkit frame carries its binding to the page that opened it;
 * only `toolkitFrameHello` (which makes the binding) is run for a frame that has none.
 */
export type Verified =
  | Extract<SenderVerdict, { trusted: true; kind: 'content-script' | 'extension-page' }>
  | (Extract<SenderVerdict, { trusted: true; kind: 'toolkit-frame' }> & { binding: FrameBinding | null });

/** One message's handler: the parsed payload and the verified sender in, the reply's data out (or a thrown error). */
export type Handler<T extends MessageType, R = ReplyOf<AllMessages[T]>> = (
  data: ParsedOf<AllMessages[T]>,
  sender: Verified,
) => Promise<R>;

/** A handler for every message of a table, and for nothing else. */
export type HandlerTable<T extends MessageTable> = {
  [K in keyof T]: (data: ParsedOf<T[K]>, sender: Verified) => Promise<ReplyOf<T[K]>>;
};

/** A tool's background half: its message table and the handlers for it, built from the deps. */
export interface ToolHandlers<T extends MessageTable> {
  messages: T;
  handlers(deps: BackgroundDeps): HandlerTable<T>;
}

/** Declares a tool's handlers against its message table: a missing or extra handler is a type error. */
export function defineHandlers<T extends MessageTable, H extends HandlerTable<T>>(
  messages: T,
  handlers: (deps: BackgroundDeps) => H & Record<Exclude<keyof H, keyof T>, never>,
): ToolHandlers<T> {
  return { messages, handlers };
}
