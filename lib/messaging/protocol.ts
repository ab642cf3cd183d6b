/**
 * The one messaging protocol between the extension's pages / content scripts and the background.
 * Payload schemas live in ./schemas.ts; the background parses every payload with them and checks
 * the sender before doing anything (lib/background/handlers.ts). There is deliberately no message
 * that lets a caller choose a URL, a GraphQL document or a mutation.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { DirectoryJobStatus } from '../background/directory-jobs';
import type { InviteJob } from '../jobs/invite-job';
import type { Impact, OffboardingCase } from '../offboarding/model';
import type { DirectoryInvite, DirectoryMember, DirectorySummary } from '../wandb/directory';
import type { WandbErrorData } from '../wandb/errors';
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

export interface ProtocolMap {
  injectToolkit(data: Payload<'injectToolkit'>): Result<InjectResult>;
  getSummary(data: Payload<'getSummary'>): Result<DirectorySummary>;
  directoryLoad(data: Payload<'directoryLoad'>): Result<{ jobId: string }>;
  directoryStatus(data: Payload<'directoryStatus'>): Result<DirectoryJobStatus>;
  directoryPage(data: Payload<'directoryPage'>): Result<DirectoryMember[] | DirectoryInvite[]>;
  directoryCancel(data: Payload<'directoryCancel'>): Result<{ cancelled: true }>;
  inviteStart(data: Payload<'inviteStart'>): Result<{ jobId: string }>;
  inviteStatus(data: Payload<'inviteStatus'>): Result<InviteJob>;
  inviteLatest(data: Payload<'inviteLatest'>): Result<InviteJob | null>;
  inviteControl(data: Payload<'inviteControl'>): Result<{ done: true }>;
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

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
