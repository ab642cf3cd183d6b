/** The offboarding service's inputs: what it needs from the background, and what a request asks. */
import type { ClassifiedRow } from '@/lib/invite/classify';
import type { OffboardingActions } from '@/lib/offboarding/actions';
import type { WandbClient } from '@/lib/wandb/client';

/** What an admin asks a step to do: declared once, with its message (lib/offboarding/messages.ts). */
export type { StepAction } from '@/lib/offboarding/messages';

export interface OffboardingDeps {
  clientFor(appOrigin: string): Promise<WandbClient>;
  /** The actions of the best transport available for this host (session now; the admin key after #5). */
  actionsFor(appOrigin: string, org: string): Promise<OffboardingActions>;
  startInviteJob(appOrigin: string, org: string, actor: string, rows: ClassifiedRow[]): Promise<string>;
  alarms: {
    create(name: string, when: number): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
  };
  /** Shows (count > 0) or clears the action badge that points to re-check results. */
  setBadge(count: number, title: string): Promise<void>;
  now(): number;
}

/** Where a request comes from: the W&B host and the org of the admin page. */
export type Place = { appOrigin: string; org: string };
