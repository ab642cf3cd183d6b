/** What the offboarding dialog shows and asks: its screens, links and step requests. */

import type { StepRequest } from '@/lib/offboarding/messages';
import type { Impact, OffboardingCase } from '@/lib/offboarding/model';
import type { DirectoryMember } from '@/lib/wandb/directory';

/** What an admin asks a step to do; the container sends it to the background (declared with its message). */
export type { StepRequest };

/** Links to W&B's own pages, built by the container for this host and org. */
export interface OffboardLinks {
  members: string;
  /** The organization dashboard of a dedicated or self-managed instance. */
  orgDashboard: string;
  apiKeys: string;
  team(team: string): string;
  serviceAccounts(team: string): string;
  run(team: string, project: string, run: string): string;
}

export type OffboardScreen =
  | { screen: 'pick'; members: DirectoryMember[] | null; loadError: string | null; cases: OffboardingCase[] }
  | { screen: 'impact'; username: string; impact: Impact | null }
  | { screen: 'case'; case: OffboardingCase; reinviteJobId: string | null };

export interface OffboardDialogProps {
  view: OffboardScreen;
  links: OffboardLinks;
  busy: boolean;
  error: string | null;
  onClose(): void;
  onPick(username: string): void;
  onResume(caseId: string): void;
  onBack(): void;
  onStart(username: string): void;
  onStep(request: StepRequest): void;
  onRecord(format: 'json' | 'md'): void;
  onReinvite(): void;
  onCloseCase(): void;
  /** Deletes a stored case (after the admin confirmed it); resolves once the list is updated. */
  onDeleteCase(caseId: string): Promise<void>;
  /** wandb.ai (multi-tenant) or a dedicated / self-managed host: when the member's access ends differs. */
  hostKind?: 'multi-tenant' | 'dedicated';
}
