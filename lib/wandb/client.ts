/**
 * The one W&B client the background worker owns: the session transport, the directory loader
 * (which remembers what this server accepts) and the two verified team writes.
 */

import {
  createDirectoryLoader,
  type DirectoryLoader,
  type DirectoryLoaderOptions,
  type DirectoryStrategy,
} from './directory';
import { badResponseError } from './errors';
import { createGraphqlTransport, type FetchLike, type GraphqlTransport, type RetryOptions } from './graphql';
import { CREATE_INVITE_MUTATION, DELETE_INVITE_MUTATION } from './operations';
import { createInviteDataSchema, deleteInviteDataSchema } from './schemas';

/** How to reach one W&B deployment; `apiOrigin` defaults to `apiOriginFor(appOrigin)`. */
export interface WandbClientOptions {
  appOrigin: string;
  apiOrigin?: string;
  fetch: FetchLike;
  /** Team reads in flight at once when loading the directory (default 8). */
  concurrency?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Retry settings for reads (sleep and random injectable for tests and the bench). */
  retry?: Omit<RetryOptions, 'signal'>;
  /** The directory strategy remembered for this API origin; default `unknown`. */
  initialStrategy?: DirectoryStrategy;
  /** Told when the directory strategy changes, to store it; see `DirectoryLoaderOptions`. */
  onStrategyChange?: DirectoryLoaderOptions['onStrategyChange'];
}

/** What to invite: a team, an email (contains `@`) or a username, and whether as team admin. */
export interface CreateInviteInput {
  team: string;
  emailOrUsername: string;
  admin: boolean;
}

/** The invite W&B created; `email` and `createdAt` are null when W&B does not report them (username invites may have no email). */
export interface CreatedInvite {
  id: string;
  email: string | null;
  createdAt: string | null;
}

/** Which team row (member or pending invite) to remove, by `members[].id`. */
export interface DeleteInviteInput {
  id: string;
  team: string;
}

/** The background's W&B client for one deployment. */
export interface WandbClient {
  readonly transport: GraphqlTransport;
  readonly directory: DirectoryLoader;
  /**
   * Sends one `createInvite`, never retried here (a bulk job decides what is safe to resend).
   * Throws a classified WandbError on failure, and `bad-response` when W&B reports no invite.
   */
  createInvite(input: CreateInviteInput, options?: { signal?: AbortSignal }): Promise<CreatedInvite>;
  /**
   * Sends one `deleteInvite`, never retried here. Resolves `{ success: false }` when W&B does not
   * confirm the removal (for example an id that is already gone).
   */
  deleteInvite(input: DeleteInviteInput, options?: { signal?: AbortSignal }): Promise<{ success: boolean }>;
}

/** Whether an app origin is W&B's multi-tenant cloud (wandb.ai) rather than a dedicated or self-managed instance. */
export function isMultiTenant(appOrigin: string): boolean {
  return new URL(appOrigin).origin === 'https://wandb.ai';
}

/** The GraphQL API origin for a W&B app origin: `https://api.wandb.ai` for `https://wandb.ai`, the same origin for any other (dedicated or self-managed) host. */
export function apiOriginFor(appOrigin: string): string {
  const origin = new URL(appOrigin).origin;
  return isMultiTenant(origin) ? 'https://api.wandb.ai' : origin;
}

/**
 * The variables of `createInvite` for a value typed by an admin, following the SDK's rule
 * (`Team.invite`): the value goes in `email` when it contains `@`, otherwise in `username`; the
 * other key is left out, as the SDK does.
 */
export function createInviteVariables(
  input: CreateInviteInput,
): { entity: string; admin: boolean } & ({ email: string } | { username: string }) {
  const value = input.emailOrUsername.trim();
  return value.includes('@')
    ? { entity: input.team, email: value, admin: input.admin }
    : { entity: input.team, username: value, admin: input.admin };
}

/** Creates the client; nothing is sent until a method is called. */
export function createWandbClient(options: WandbClientOptions): WandbClient {
  const transport = createGraphqlTransport({
    apiOrigin: options.apiOrigin ?? apiOriginFor(options.appOrigin),
    appOrigin: new URL(options.appOrigin).origin,
    fetch: options.fetch,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const directory = createDirectoryLoader(transport, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.initialStrategy === undefined ? {} : { initialStrategy: options.initialStrategy }),
    ...(options.onStrategyChange === undefined ? {} : { onStrategyChange: options.onStrategyChange }),
  });

  return {
    transport,
    directory,
    async createInvite(input, requestOptions = {}) {
      const data = await transport.request(
        CREATE_INVITE_MUTATION,
        createInviteVariables(input),
        createInviteDataSchema,
        requestOptions,
      );
      const invite = data.result?.invite;
      if (!invite) throw badResponseError('createInvite reported no invite');
      return { id: invite.id, email: invite.email, createdAt: invite.createdAt };
    },
    async deleteInvite(input, requestOptions = {}) {
      const data = await transport.request(
        DELETE_INVITE_MUTATION,
        { id: input.id, entity: input.team },
        deleteInviteDataSchema,
        requestOptions,
      );
      return { success: data.result?.success === true };
    },
  };
}
