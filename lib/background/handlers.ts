/**
 * The background's message handlers. Each one checks the sender, parses the payload with zod,
 * and answers with a `Result` value (never a thrown error) so an error's kind reaches the UI.
 */
import type { z } from 'zod';
import { jobProgress } from '../jobs/invite-job';
import { onMessage, type ProtocolError, type Result } from '../messaging/protocol';
import { isKnownMessageType, type MessageType, payloadSchemas } from '../messaging/schemas';
import { actionsEnabledByKey } from '../wandb/capabilities';
import type { DirectoryScope, DirectorySummary, Scope } from '../wandb/directory';
import { toWandbErrorData, WandbError } from '../wandb/errors';
import type { AdminRoute } from '../wandb/pages';
import type { AdminKeyService } from './admin-key';
import { BadRequest } from './bad-request';
import type { DirectoryJobs } from './directory-jobs';
import type { InviteJobs } from './invite-jobs';
import { keyHandlers } from './key-handlers';
import type { Offboarding, StepAction } from './offboarding';
import { bindFrame, frameHandlers, routeForContentScript, routeForPage } from './page-access';
import { checkSender, type SenderLike, type SenderVerdict } from './senders';
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
  /** True while the browser grants the extension access to `appOrigin` (and, for wandb.ai, its API host). */
  hostPermitted(appOrigin: string): Promise<boolean>;
  /** Added hosts: register the toolkit on a host whose permission was just granted, or remove one. */
  hosts: {
    added(origin: string): Promise<string[]>;
    remove(origin: string): Promise<string[]>;
  };
  /** Injects the toolkit UI bundle into the asking document (`documentId`, where known), else one frame of a tab. */
  injectToolkit(tabId: number, frameId: number, documentId?: string): Promise<void>;
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
export type Handler<T extends MessageType, R> = (
  data: z.output<(typeof payloadSchemas)[T]>,
  sender: Verified,
) => Promise<R>;

/** Checks sender and payload, then runs the handler; every failure becomes a typed error value. */
export async function runHandler<T extends MessageType, R>(
  deps: BackgroundDeps,
  type: T,
  rawData: unknown,
  rawSender: SenderLike,
  handler: Handler<T, R>,
): Promise<Result<R>> {
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
  const parsed = payloadSchemas[type].safeParse(rawData);
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
    return { ok: true, data: await handler(parsed.data as z.output<(typeof payloadSchemas)[T]>, verified) };
  } catch (error) {
    return { ok: false, error: toProtocolError(error) };
  }
}

function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof WandbError) return toWandbErrorData(error);
  if (error instanceof BadRequest) return { kind: 'bad-request', message: error.message };
  return toWandbErrorData(error);
}

/** Maps an admin route to the scope whose directory it shows (`/<name>/settings` is resolved by the loader). */
export function scopeForRoute(route: AdminRoute): Scope | { kind: 'entity'; entity: string } {
  switch (route.kind) {
    case 'org-members':
    case 'org-settings':
      return { kind: 'org', org: route.org };
    case 'entity-settings':
      return { kind: 'entity', entity: route.entity };
  }
}

/** Registers every handler of the protocol, plus a catch-all that refuses unknown message types. */
export function registerHandlers(
  deps: BackgroundDeps,
  addRawListener: (listener: RawListener) => void,
): void {
  onMessage('injectToolkit', ({ data, sender }) =>
    runHandler(deps, 'injectToolkit', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForContentScript(verified, payload.pageUrl);
      if (verified.kind !== 'content-script') throw new BadRequest('Only a W&B page can ask for this.');
      // Start reading the bar's figures while the UI bundle loads; the bar's own request then
      // finds them in flight (or cached) instead of starting from scratch.
      deps.loadSummary(appOrigin, route, false).catch(() => {});
      await deps.injectToolkit(verified.tabId, verified.frameId, verified.documentId);
      return { injected: true };
    }),
  );
  const frames = frameHandlers(deps);
  onMessage('toolkitFrameToken', ({ data, sender }) =>
    runHandler(deps, 'toolkitFrameToken', data, sender, frames.toolkitFrameToken),
  );
  onMessage('toolkitFrameHello', ({ data, sender }) =>
    runHandler(deps, 'toolkitFrameHello', data, sender, frames.toolkitFrameHello),
  );
  onMessage('getSummary', ({ data, sender }) =>
    runHandler(deps, 'getSummary', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
      return deps.loadSummary(appOrigin, route, payload.refresh);
    }),
  );
  onMessage('directoryLoad', ({ data, sender }) =>
    runHandler(deps, 'directoryLoad', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
      const scope = await deps.scopeFor(appOrigin, route);
      return { jobId: deps.directoryJobs.start(tabOf(verified), appOrigin, scope, payload.withActivity) };
    }),
  );
  onMessage('directoryStatus', ({ data, sender }) =>
    runHandler(deps, 'directoryStatus', data, sender, async (payload, verified) =>
      deps.directoryJobs.status(payload.jobId, tabOf(verified)),
    ),
  );
  onMessage('directoryPage', ({ data, sender }) =>
    runHandler(deps, 'directoryPage', data, sender, async (payload, verified) =>
      deps.directoryJobs.page(payload.jobId, tabOf(verified), payload.list, payload.offset, payload.limit),
    ),
  );
  onMessage('directoryCancel', ({ data, sender }) =>
    runHandler(deps, 'directoryCancel', data, sender, async (payload, verified) => {
      deps.directoryJobs.cancel(payload.jobId, tabOf(verified));
      return { cancelled: true as const };
    }),
  );
  onMessage('inviteStart', ({ data, sender }) =>
    runHandler(deps, 'inviteStart', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
      const [scope, summary] = await Promise.all([
        deps.scopeFor(appOrigin, route),
        deps.loadSummary(appOrigin, route, false),
      ]);
      const org = orgOf(scope);
      const scopeKey = scope.kind === 'org' ? `org:${scope.org}` : `team:${scope.team}`;
      return {
        jobId: await deps.inviteJobs.start(
          appOrigin,
          org,
          scopeKey,
          summary.viewer.username,
          payload.rows,
          payload.concurrency,
        ),
      };
    }),
  );
  onMessage('inviteStatus', ({ data, sender }) =>
    runHandler(deps, 'inviteStatus', data, sender, async (payload, verified) => {
      const { appOrigin } = routeForPage(verified, payload.pageUrl);
      return deps.inviteJobs.status(payload.inviteJobId, appOrigin);
    }),
  );
  onMessage('inviteLatest', ({ data, sender }) =>
    runHandler(deps, 'inviteLatest', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
      return deps.inviteJobs.latest(appOrigin, orgOf(await deps.scopeFor(appOrigin, route)));
    }),
  );
  onMessage('inviteActive', ({ data, sender }) =>
    runHandler(deps, 'inviteActive', data, sender, async (payload, verified) => {
      const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
      const job = await deps.inviteJobs.latest(appOrigin, orgOf(await deps.scopeFor(appOrigin, route)));
      if (!job || job.status === 'done' || job.status === 'cancelled') return null;
      const { etaMs: _eta, ...progress } = jobProgress(job, Date.now());
      return { id: job.id, status: job.status, progress };
    }),
  );
  onMessage('inviteControl', ({ data, sender }) =>
    runHandler(deps, 'inviteControl', data, sender, async (payload, verified) => {
      const { appOrigin } = routeForPage(verified, payload.pageUrl);
      await deps.inviteJobs.control(payload.inviteJobId, appOrigin, payload.action);
      return { done: true as const };
    }),
  );
  onMessage('capabilities', ({ data, sender }) =>
    runHandler(deps, 'capabilities', data, sender, async (payload, verified) => {
      if (verified.kind === 'content-script') throw new BadRequest('Only the toolkit can ask for this.');
      if (verified.kind === 'toolkit-frame' && verified.binding?.appOrigin !== payload.appOrigin) {
        throw new BadRequest('A W&B page may only ask about its own host.');
      }
      const [info, capabilities] = await Promise.all([
        deps.adminKey.keyInfo(),
        deps.adminKey.capabilitiesFor(payload.appOrigin),
      ]);
      return {
        key: info && info.appOrigin === payload.appOrigin ? info : null,
        capabilities,
        enabledByKey: actionsEnabledByKey(capabilities),
      };
    }),
  );
  onMessage('openOptions', ({ data, sender }) =>
    runHandler(deps, 'openOptions', data, sender, async () => {
      await deps.openOptionsPage();
      return { opened: true as const };
    }),
  );
  const keys = keyHandlers(deps);
  onMessage('keyTest', ({ data, sender }) => runHandler(deps, 'keyTest', data, sender, keys.keyTest));
  onMessage('keyInfo', ({ data, sender }) => runHandler(deps, 'keyInfo', data, sender, keys.keyInfo));
  onMessage('keyForget', ({ data, sender }) => runHandler(deps, 'keyForget', data, sender, keys.keyForget));
  onMessage('keySetOrgRole', ({ data, sender }) =>
    runHandler(deps, 'keySetOrgRole', data, sender, keys.keySetOrgRole),
  );
  onMessage('keyListRoles', ({ data, sender }) =>
    runHandler(deps, 'keyListRoles', data, sender, keys.keyListRoles),
  );
  onMessage('hostAdded', ({ data, sender }) => runHandler(deps, 'hostAdded', data, sender, keys.hostAdded));
  onMessage('hostRemove', ({ data, sender }) =>
    runHandler(deps, 'hostRemove', data, sender, keys.hostRemove),
  );
  registerOffboardingHandlers(deps);
  addRawListener(refuseUnknownMessages(deps));
}

/** The org of the admin page a content script reports, and the admin whose session is signed in. */
async function orgAndActor(deps: BackgroundDeps, verified: Verified, pageUrl: string) {
  const { appOrigin, route } = routeForPage(verified, pageUrl);
  const [scope, summary] = await Promise.all([
    deps.scopeFor(appOrigin, route),
    deps.loadSummary(appOrigin, route, false),
  ]);
  return { appOrigin, org: orgOf(scope), actor: summary.viewer.username };
}

/** An `offboardAct` payload as the step action it names; refuses a combination that lacks its field. */
export function toStepAction(payload: z.output<(typeof payloadSchemas)['offboardAct']>): StepAction {
  const { step, action } = payload;
  const missing = (field: string) => new BadRequest(`${action} on ${step} needs ${field}.`);
  switch (action) {
    case 'choose':
      if (step !== 'reassign') throw new BadRequest('Only the reassign step takes a choice.');
      if (!payload.team || !payload.to) throw missing('team and to');
      return { step, action, team: payload.team, to: payload.to };
    case 'review':
      if (step !== 'automation') throw new BadRequest('Only the automation step takes a review.');
      return { step, action, reviewed: payload.reviewed ?? [] };
    case 'prepare':
      if (step !== 'remove-org') throw new BadRequest('Only org removal is prepared.');
      return { step, action };
    case 'ack':
      if (step !== 'recheck') throw new BadRequest('Only the re-check is acknowledged.');
      return { step, action };
    case 'skip':
      if (!payload.reason) throw missing('a reason');
      return { step, action, reason: payload.reason };
    case 'confirm':
      if (step !== 'automation' && step !== 'revoke-keys')
        throw new BadRequest('Only the automation review and key revocation take a confirmation.');
      return { step, action };
    case 'run':
      if (step === 'remove-org') {
        if (payload.confirm === undefined) throw missing('the typed username');
        return { step, action, confirm: payload.confirm };
      }
      if (step === 'recheck') return { step, action, days: payload.days ?? 30 };
      return { step, action };
    case 'verify':
      return { step, action };
  }
}

/** The host and org of the page a content script reports; a case is used only from its own org's pages. */
async function pageOrg(deps: BackgroundDeps, verified: Verified, pageUrl: string) {
  const { appOrigin, route } = routeForPage(verified, pageUrl);
  return { appOrigin, org: orgOf(await deps.scopeFor(appOrigin, route)) };
}

function registerOffboardingHandlers(deps: BackgroundDeps): void {
  const { offboarding } = deps;
  onMessage('offboardImpact', ({ data, sender }) =>
    runHandler(deps, 'offboardImpact', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await orgAndActor(deps, verified, payload.pageUrl);
      return offboarding.impact(appOrigin, org, payload.username);
    }),
  );
  onMessage('offboardStart', ({ data, sender }) =>
    runHandler(deps, 'offboardStart', data, sender, async (payload, verified) => {
      const { appOrigin, org, actor } = await orgAndActor(deps, verified, payload.pageUrl);
      return offboarding.start(appOrigin, org, actor, payload.username);
    }),
  );
  onMessage('offboardCases', ({ data, sender }) =>
    runHandler(deps, 'offboardCases', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await orgAndActor(deps, verified, payload.pageUrl);
      return offboarding.list(appOrigin, org);
    }),
  );
  onMessage('offboardAct', ({ data, sender }) =>
    runHandler(deps, 'offboardAct', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
      return offboarding.act(payload.caseId, { appOrigin, org }, toStepAction(payload));
    }),
  );
  onMessage('offboardRecord', ({ data, sender }) =>
    runHandler(deps, 'offboardRecord', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
      return offboarding.record(payload.caseId, { appOrigin, org }, payload.format);
    }),
  );
  onMessage('offboardReinvite', ({ data, sender }) =>
    runHandler(deps, 'offboardReinvite', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
      return offboarding.reinvite(payload.caseId, { appOrigin, org });
    }),
  );
  onMessage('offboardClose', ({ data, sender }) =>
    runHandler(deps, 'offboardClose', data, sender, async (payload, verified) => {
      const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
      return offboarding.close(payload.caseId, { appOrigin, org });
    }),
  );
}

/** The organization a scope belongs to (a team without one cannot take invites through the toolkit). */
function orgOf(scope: DirectoryScope): string {
  if (scope.kind === 'org') return scope.org;
  if (!scope.org) throw new BadRequest('This team belongs to no organization.');
  return scope.org;
}

/** Jobs belong to the tab that started them; only the toolkit on a W&B page has one. */
function tabOf(sender: Verified): number {
  if (sender.kind !== 'toolkit-frame' || !sender.binding) {
    throw new BadRequest('Only the toolkit on a W&B page can ask for this.');
  }
  return sender.tabId;
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
export { frameHandlers, routeForPage } from './page-access';
