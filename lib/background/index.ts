/**
 * Wires the background: one W&B client per app origin (built from the admin's session), the
 * message handlers, and UI injection on admin routes. The entrypoint only calls `startBackground`.
 */
import { browser } from 'wxt/browser';
import { ACCESS_EXPIRY_ALARM, createAccessExpiry } from '../access-expiry/service';
import { createSessionActions } from '../offboarding/actions';
import { reportFailure } from '../report';
import { readWandbHosts } from '../settings/hosts';
import type { DirectoryScope, DirectorySummary } from '../wandb/directory';
import type { AdminRoute } from '../wandb/pages';
import { withRunActivity } from './activity';
import { adminKeyService } from './admin-key';
import { createActionBadge } from './badge';
import { createClients } from './clients';
import type { BackgroundDeps } from './deps';
import { createDirectoryJobs } from './directory-jobs';
import { type RawListener, registerHandlers } from './dispatch';
import { addGrantedHost, hostPermitted, reconcileHosts, removeHost } from './hosts';
import { listenForInviteFollowers } from './invite-follow';
import { createInviteJobs, INVITE_ALARM } from './invite-jobs';
import { createLaunches } from './launches';
import { createOffboarding, RECHECK_ALARM_PREFIX } from './offboarding';
import { withAdminKeyActions } from './offboarding-actions';
import { scopeForRoute } from './page-access';
import { toolkitInjectionTarget } from './senders';
import { readToolkitFramesState, toolkitFramesItem } from './session-storage';
import { createToolkitFrames, type ToolkitFramesState } from './toolkit-frames';

/** The built UI bundle that `injectToolkit` puts into an admin page (see entrypoints/toolkit.content). */
export const TOOLKIT_SCRIPT_FILE = '/content-scripts/toolkit.js';

const SUMMARY_TTL_MS = 15_000;

/**
 * The toolbar action's badge and title. MV3 (Chrome) has `action`; Firefox's MV2 package has
 * `browserAction`, with the same calls. A badge needs no permission (a notification would need
 * `notifications`).
 */
async function setActionBadge(count: number, title: string): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await action.setTitle({ title: title || 'Admin Toolkit for W&B' });
}

async function openTab(url: string): Promise<number> {
  const tab = await browser.tabs.create({ url });
  if (tab.id === undefined) throw new Error('The browser opened no tab.');
  return tab.id;
}

export function startBackground(): void {
  const summaries = new Map<string, { at: number; summary: Promise<DirectorySummary> }>();
  const rejectedReasons = new Set<string>();

  const adminKey = adminKeyService();
  const clientFor = createClients(adminKey);

  async function scopeFor(appOrigin: string, route: AdminRoute): Promise<DirectoryScope> {
    const target = scopeForRoute(route);
    if (target.kind === 'instance') return (await clientFor(appOrigin)).directory.resolveInstanceOrg();
    if (target.kind !== 'entity') return target;
    return (await clientFor(appOrigin)).directory.resolveEntity(target.entity);
  }

  async function loadSummary(
    appOrigin: string,
    route: AdminRoute,
    refresh: boolean,
  ): Promise<DirectorySummary> {
    const key = `${appOrigin} ${JSON.stringify(route)}`;
    const cached = summaries.get(key);
    if (!refresh && cached && Date.now() - cached.at < SUMMARY_TTL_MS) return cached.summary;
    const summary = (async () => {
      const scope = await scopeFor(appOrigin, route);
      return (await clientFor(appOrigin)).directory.loadSummary(scope);
    })();
    summaries.set(key, { at: Date.now(), summary });
    summary.catch(() => summaries.delete(key));
    return summary;
  }

  const inviteJobs = createInviteJobs({
    clientFor,
    adminKey,
    keepAwake: (on) => {
      // A running job must outlive the worker's idle shutdown: the alarm wakes it to resume.
      if (on) browser.alarms.create(INVITE_ALARM, { periodInMinutes: 0.5 });
      else browser.alarms.clear(INVITE_ALARM).catch((error) => reportFailure('invite', error));
    },
  });
  const badge = createActionBadge(setActionBadge);
  const alarms = {
    create: async (name: string, when: number) => {
      await browser.alarms.create(name, { when });
    },
    get: async (name: string) => (await browser.alarms.get(name)) ?? undefined,
    clear: async (name: string) => {
      await browser.alarms.clear(name);
    },
  };
  // The session's actions, with SCIM where a working admin key for this host allows it.
  const offboarding = createOffboarding({
    clientFor,
    actionsFor: async (appOrigin, org) =>
      withAdminKeyActions(
        createSessionActions(await clientFor(appOrigin)),
        adminKey,
        { appOrigin, org },
        await adminKey.capabilitiesFor(appOrigin),
      ),
    startInviteJob: (appOrigin, org, actor, rows) =>
      inviteJobs.start(appOrigin, org, `org:${org}`, actor, rows),
    alarms,
    setBadge: badge.part('offboard'),
    now: Date.now,
  });
  offboarding.restore().catch((error) => reportFailure('offboard', error));
  // Late-bound clock: the end-to-end test moves the worker's clock to make a date pass.
  const accessExpiry = createAccessExpiry({
    alarms,
    setBadge: badge.part('access-expiry'),
    now: () => Date.now(),
  });
  accessExpiry.restore().catch((error) => reportFailure('access-expiry', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === INVITE_ALARM)
      inviteJobs.resumeRunningJobs().catch((error) => reportFailure('invite', error));
    if (alarm.name.startsWith(RECHECK_ALARM_PREFIX))
      offboarding
        .recheck(alarm.name.slice(RECHECK_ALARM_PREFIX.length))
        .catch((error) => reportFailure('offboard', error));
    if (alarm.name === ACCESS_EXPIRY_ALARM)
      accessExpiry.fired().catch((error) => reportFailure('access-expiry', error));
  });
  inviteJobs.resumeRunningJobs().catch((error) => reportFailure('invite', error));
  // A host whose permission was withdrawn leaves the list, and its admin key is forgotten.
  const forgetKeyOf = (origin: string) => adminKey.forgetKeyFor(origin);
  reconcileHosts(forgetKeyOf).catch((error) => reportFailure('hosts', error));
  browser.permissions.onRemoved.addListener(() => {
    reconcileHosts(forgetKeyOf).catch((error) => reportFailure('hosts', error));
  });

  const toolkitFrames = createToolkitFrames({
    get: readToolkitFramesState,
    set: (state: ToolkitFramesState) => toolkitFramesItem.setValue(state),
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    toolkitFrames.forgetTab(tabId).catch((error) => reportFailure('frame', error));
  });

  const deps: BackgroundDeps = {
    toolkitFrames,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    extraAppOrigins: () => readWandbHosts(),
    adminKey,
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    openTab,
    launches: createLaunches(),
    hostPermitted,
    hosts: { added: addGrantedHost, remove: removeHost },
    injectToolkit: async (tabId, frameId, documentId) => {
      await browser.scripting.executeScript({
        target: toolkitInjectionTarget(tabId, frameId, documentId),
        files: [TOOLKIT_SCRIPT_FILE],
      });
    },
    loadSummary,
    sessionTransport: async (appOrigin) => (await clientFor(appOrigin)).transport,
    scopeFor,
    directoryJobs: createDirectoryJobs(async (appOrigin, scope, options) => {
      const client = await clientFor(appOrigin);
      const directory = await client.directory.loadDirectory(scope, options);
      if (!options.withActivity) return directory;
      return withRunActivity(client, directory, options);
    }),
    inviteJobs,
    offboarding,
    accessExpiry,
    logRejected: (reason) => {
      if (rejectedReasons.has(reason)) return;
      rejectedReasons.add(reason);
      console.warn(`[wandb-admin-toolkit] refused a message: ${reason}`);
    },
  };

  const addRawListener = (listener: RawListener) => {
    browser.runtime.onMessage.addListener((message: unknown) => listener(message));
  };
  registerHandlers(deps, addRawListener);
  // A frame following a running invite job holds a port, so a stopped worker restarts at once.
  listenForInviteFollowers(() => inviteJobs.resumeRunningJobs());
}
