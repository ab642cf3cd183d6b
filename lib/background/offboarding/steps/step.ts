/** The shape of one offboarding step in the background: check, change, read back. */
import type { OffboardingActions } from '@/lib/offboarding/actions';
import type { OffboardingCase } from '@/lib/offboarding/model';
import type { OffboardingContext } from '../context';
import type { StepAction } from '../types';

export interface StepHandler {
  /** Checks the step against fresh W&B data and records the verdict; changes nothing in W&B. */
  plan?(ctx: OffboardingContext, c: OffboardingCase, actions: OffboardingActions): Promise<OffboardingCase>;
  /** Makes the change where this transport can, then settles the step from what W&B shows. */
  run(
    ctx: OffboardingContext,
    c: OffboardingCase,
    actions: OffboardingActions,
    request: StepAction,
  ): Promise<OffboardingCase>;
  /** Settles the step from what W&B (or the browser) shows now; changes nothing in W&B. */
  verify(
    ctx: OffboardingContext,
    c: OffboardingCase,
    actions: OffboardingActions,
    request: StepAction,
  ): Promise<OffboardingCase>;
}
