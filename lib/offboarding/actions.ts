/**
 * The transport seam of offboarding: every change a step makes goes through `OffboardingActions`.
 * The session version (this file) uses only the verified GraphQL writes of API.md; the admin-key
 * (SCIM) version implements the same interface and reports its own capabilities, and the step
 * planner (./steps.ts) turns `'manual'` capabilities into guided steps. An action returns
 * `'unsupported'` when its transport has no verified operation for it; it never guesses one.
 */
import type { WandbClient } from '../wandb/client';
import { isWandbError } from '../wandb/errors';
import { type OffboardingCapabilities, SESSION_CAPABILITIES } from './model';

/** What W&B answered to one change; `detail` is shown and recorded. */
export type ActionResult = { ok: true; detail: string } | { ok: false; detail: string } | 'unsupported';

export interface OffboardingActions {
  readonly capabilities: OffboardingCapabilities;
  /** Removes one team membership (`membershipId` is the team list's `members[].id`). */
  removeFromTeam(input: { team: string; username: string; membershipId: string }): Promise<ActionResult>;
  /** Removes the member from the organization (SCIM `DELETE /scim/Users/{id}` with the key). */
  removeFromOrg(input: {
    username: string;
    userId: string | null;
    email: string | null;
  }): Promise<ActionResult>;
  /** Makes an existing team member the team's admin (SCIM `teamRoles` with the key). */
  promoteTeamAdmin(input: { team: string; username: string }): Promise<ActionResult>;
  /** Deactivates the account, keeping the member (SCIM `active: false` with the key, dedicated and self-managed only). */
  deactivate(input: { username: string }): Promise<ActionResult>;
  /** Whether W&B shows the account deactivated, read from W&B; `unknown` when this transport cannot read it. */
  isDeactivated(input: { username: string }): Promise<boolean | 'unknown'>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The session-only actions: team removal by `deleteInvite` [SDK DeleteInvite, API.md §2.2(c)];
 * org removal, deactivation and changing a member's team role have no verified session operation
 * (API.md §2.5), so they are `'unsupported'` and their steps are guided (the directory verifies).
 */
export function createSessionActions(client: Pick<WandbClient, 'deleteInvite'>): OffboardingActions {
  return {
    capabilities: SESSION_CAPABILITIES,
    async removeFromTeam({ team, username, membershipId }) {
      try {
        const { success } = await client.deleteInvite({ id: membershipId, team });
        return success
          ? { ok: true, detail: `W&B confirmed ${username} removed from ${team}.` }
          : { ok: false, detail: `W&B did not confirm removing ${username} from ${team}.` };
      } catch (error) {
        if (isWandbError(error, 'cancelled')) throw error;
        return { ok: false, detail: messageOf(error) };
      }
    },
    async removeFromOrg() {
      return 'unsupported';
    },
    async promoteTeamAdmin() {
      return 'unsupported';
    },
    async deactivate() {
      return 'unsupported';
    },
    async isDeactivated() {
      return 'unknown';
    },
  };
}
