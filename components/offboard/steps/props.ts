import type { OffboardingCase, Step } from '@/lib/offboarding/model';
import type { OffboardLinks, StepRequest } from '../types';
import type { StepInputs } from '../useStepInputs';

/** What every step's controls get: the case, the step, W&B's links, whether a request runs, the step's inputs. */
export interface StepControlProps {
  c: OffboardingCase;
  step: Step;
  links: OffboardLinks;
  busy: boolean;
  onStep(request: StepRequest): void;
  inputs: StepInputs;
}
