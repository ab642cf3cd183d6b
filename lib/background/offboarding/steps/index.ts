/** Each step's `{ plan?, run, verify }`; a step absent here (snapshot, automation) has nothing to run. */
import type { StepId } from '@/lib/offboarding/model';
import { deactivateStep } from './deactivate';
import { reassignStep } from './reassign';
import { recheckStep } from './recheck';
import { reclaimSeatStep } from './reclaim-seat';
import { removeOrgStep } from './remove-org';
import { removeTeamsStep } from './remove-teams';
import { revokeKeysStep } from './revoke-keys';
import type { StepHandler } from './step';

export const STEP_HANDLERS: Partial<Record<StepId, StepHandler>> = {
  reassign: reassignStep,
  deactivate: deactivateStep,
  'remove-teams': removeTeamsStep,
  'remove-org': removeOrgStep,
  'revoke-keys': revokeKeysStep,
  'reclaim-seat': reclaimSeatStep,
  recheck: recheckStep,
};
