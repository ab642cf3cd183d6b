/**
 * Offboarding cases in the background: impact from a fresh directory, cases kept in storage
 * (validated on every read), each step run or verified against W&B's state read back, the guards
 * checked again on fresh data right before every destructive change, the re-check alarm, the
 * record and the re-invite through the bulk-invite engine. All W&B changes go through the
 * `OffboardingActions` seam (lib/offboarding/actions.ts).
 *
 * The shared case store is in `context.ts`, each step's `{ plan?, run, verify }` in `steps/`.
 */
import type { DueRecheck } from '@/lib/offboarding/messages';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { actOnStep } from './act';
import { caseRecord, closeCase, deleteCase, listCases, readImpact, reinviteCase, startCase } from './cases';
import { createOffboardingContext } from './context';
import { restoreRechecks, runRecheck, updateBadge } from './steps/recheck';
import type { OffboardingDeps, Place, StepAction } from './types';

export { DEFAULT_RECHECK_DAYS, RECHECK_ALARM_PREFIX, recheckAlarmName } from './steps/recheck';
export type { OffboardingDeps, StepAction } from './types';

export function createOffboarding(deps: OffboardingDeps) {
  const ctx = createOffboardingContext(deps);
  return {
    impact: (appOrigin: string, org: string, username: string) => readImpact(ctx, appOrigin, org, username),

    /** Opens a case, or returns the member's open one: starts for one member run one at a time, so two never open two cases. */
    start(appOrigin: string, org: string, actor: string, username: string): Promise<OffboardingCase> {
      return ctx.exclusive(`start:${appOrigin}|${org}|${username}`, () =>
        startCase(ctx, appOrigin, org, actor, username),
      );
    },

    list: (appOrigin: string, org: string) => listCases(ctx, appOrigin, org),

    act(caseId: string, place: Place, request: StepAction): Promise<OffboardingCase> {
      return ctx.exclusive(caseId, () => actOnStep(ctx, caseId, place, request));
    },

    record: (caseId: string, place: Place, format: 'json' | 'md') => caseRecord(ctx, caseId, place, format),

    reinvite: (caseId: string, place: Place) => reinviteCase(ctx, caseId, place),

    close: (caseId: string, place: Place) => closeCase(ctx, caseId, place),

    /** Deletes a stored case; the badge stops pointing at it. Returns the org's remaining cases. */
    async delete(caseId: string, place: Place): Promise<OffboardingCase[]> {
      const remaining = await ctx.exclusive(caseId, () => deleteCase(ctx, caseId, place));
      await updateBadge(ctx);
      return remaining;
    },

    /** The re-check alarm fired: read W&B again and point the badge at the case. */
    recheck(caseId: string): Promise<void> {
      return ctx.exclusive(caseId, () => runRecheck(ctx, caseId));
    },

    badgeUpdate: () => updateBadge(ctx),

    /** The re-check results the badge counts, newest first. */
    async due(): Promise<DueRecheck[]> {
      const cases = Object.values(await ctx.readAll());
      return cases
        .flatMap((c): DueRecheck[] =>
          c.recheck?.result && !c.recheck.seen
            ? [
                {
                  caseId: c.id,
                  username: c.impact.member.username,
                  org: c.org,
                  appOrigin: c.appOrigin,
                  result: c.recheck.result,
                  firedAt: c.recheck.firedAt ?? null,
                },
              ]
            : [],
        )
        .sort((a, b) => (b.firedAt ?? '').localeCompare(a.firedAt ?? ''));
    },

    /** Where a stored case lives (to open its org's page); undefined when there is no such case. */
    async placeOf(caseId: string): Promise<Place | undefined> {
      const c = (await ctx.readAll())[caseId];
      return c ? { appOrigin: c.appOrigin, org: c.org } : undefined;
    },

    /**
     * On worker start: re-creates any re-check alarm the browser dropped (Chrome may clear alarms
     * on restart) and restores the badge, which does not survive a browser restart.
     */
    restore: () => restoreRechecks(ctx),
  };
}

export type Offboarding = ReturnType<typeof createOffboarding>;
