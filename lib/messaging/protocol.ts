/**
 * The one messaging protocol between the extension's pages / content scripts and the background.
 * Payload schemas live in ./schemas.ts; the background parses every payload with them and checks
 * the sender before doing anything (lib/background/handlers.ts). There is deliberately no message
 * that lets a caller choose a URL, a GraphQL document or a mutation.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { KeyTestOutcome, ScimUserSummary } from '../background/admin-key';
import type { DirectoryJobStatus } from '../background/directory-jobs';
import type { InviteJob, InviteJobProgress, InviteJobStatus } from '../jobs/invite-job';
import type { Impact, OffboardingCase } from '../offboarding/model';
import type { AdminKeyInfo } from '../settings/admin-key';
import type { AdminAction, Capabilities } from '../wandb/capabilities';
import type { DirectoryInvite, DirectoryMember, DirectorySummary } from '../wandb/directory';
import type { WandbErrorData } from '../wandb/errors';
import type { ScimRole } from '../wandb/scim';
import type { payloadSchemas } from './schemas';

/** An error the background reports instead of throwing across the message boundary. */
export type ProtocolError =
  | WandbErrorData
  | { kind: 'bad-request'; message: string; field?: string }
  | { kind: 'forbidden-sender'; message: string };

/** Every reply is a value, never a thrown error, so its kind survives serialisation. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

type Payload<T extends keyof typeof payloadSchemas> = z.input<(typeof payloadSchemas)[T]>;

export interface InjectResult {
  injected: boolean;
}

/** A bulk-invite job that is not finished yet, as the toolkit bar shows it. */
export interface ActiveInviteJob {
  id: string;
  status: InviteJobStatus;
  progress: Omit<InviteJobProgress, 'etaMs'>;
}

export interface ProtocolMap {
  injectToolkit(data: Payload<'injectToolkit'>): Result<InjectResult>;
  toolkitFrameToken(data: Payload<'toolkitFrameToken'>): Result<{ token: string }>;
  toolkitFrameHello(data: Payload<'toolkitFrameHello'>): Result<{ pageUrl: string }>;
  getSummary(data: Payload<'getSummary'>): Result<DirectorySummary>;
  directoryLoad(data: Payload<'directoryLoad'>): Result<{ jobId: string }>;
  directoryStatus(data: Payload<'directoryStatus'>): Result<DirectoryJobStatus>;
  directoryPage(data: Payload<'directoryPage'>): Result<DirectoryMember[] | DirectoryInvite[]>;
  directoryCancel(data: Payload<'directoryCancel'>): Result<{ cancelled: true }>;
  inviteStart(data: Payload<'inviteStart'>): Result<{ jobId: string }>;
  inviteStatus(data: Payload<'inviteStatus'>): Result<InviteJob>;
  inviteLatest(data: Payload<'inviteLatest'>): Result<InviteJob | null>;
  inviteActive(data: Payload<'inviteActive'>): Result<ActiveInviteJob | null>;
  inviteControl(data: Payload<'inviteControl'>): Result<{ done: true }>;
  keyTest(data: Payload<'keyTest'>): Result<KeyTestOutcome>;
  keyInfo(data: Payload<'keyInfo'>): Result<AdminKeyInfo | null>;
  keyForget(data: Payload<'keyForget'>): Result<{ forgotten: true }>;
  capabilities(data: Payload<'capabilities'>): Result<CapabilitiesReply>;
  openOptions(data: Payload<'openOptions'>): Result<{ opened: true }>;
  keySetOrgRole(data: Payload<'keySetOrgRole'>): Result<ScimUserSummary>;
  keyListRoles(data: Payload<'keyListRoles'>): Result<ScimRole[]>;
  hostAdded(data: Payload<'hostAdded'>): Result<{ hosts: string[] }>;
  hostRemove(data: Payload<'hostRemove'>): Result<{ hosts: string[] }>;
  offboardImpact(data: Payload<'offboardImpact'>): Result<Impact>;
  offboardStart(data: Payload<'offboardStart'>): Result<OffboardingCase>;
  offboardCases(data: Payload<'offboardCases'>): Result<OffboardingCase[]>;
  offboardAct(data: Payload<'offboardAct'>): Result<OffboardingCase>;
  offboardRecord(data: Payload<'offboardRecord'>): Result<{ fileName: string; text: string }>;
  offboardReinvite(
    data: Payload<'offboardReinvite'>,
  ): Result<{ case: OffboardingCase; jobId: string; notes: string[] }>;
  offboardClose(data: Payload<'offboardClose'>): Result<OffboardingCase>;
}

/** What the bar and the options page learn about a host: the key there (if any) and each action's transport. */
export interface CapabilitiesReply {
  key: AdminKeyInfo | null;
  capabilities: Capabilities;
  /** Actions the key adds over the session alone (empty without a working key). */
  enabledByKey: AdminAction[];
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
