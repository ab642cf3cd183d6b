/** An offboarding case as `createOffboarding().start` stores it, built from a directory without a server. */
import { analyseImpact, type ImpactReads } from '@/lib/offboarding/impact';
import {
  type OffboardingCapabilities,
  type OffboardingCase,
  offboardingCaseSchema,
  SESSION_CAPABILITIES,
} from '@/lib/offboarding/model';
import { planSteps } from '@/lib/offboarding/steps';
import type { Directory } from '@/lib/wandb/directory';

export const T0 = '2026-11-28T10:00:00.000Z';

export const NO_READS: ImpactReads = {
  apiKeys: { status: 'unreadable', reason: 'no' },
  runs: { status: 'read', items: [] },
};

/** The case of offboarding `username`, opened by alice at `T0`, parsed as stored. */
export function caseFor(
  directory: Pick<Directory, 'members' | 'complete'>,
  username: string,
  options: { caps?: OffboardingCapabilities; reads?: ImpactReads; overrides?: Partial<OffboardingCase> } = {},
): OffboardingCase {
  const impact = analyseImpact(directory, username, options.reads ?? NO_READS, T0);
  return offboardingCaseSchema.parse({
    id: 'case-abc-def',
    appOrigin: 'https://wandb.ai',
    org: 'acme',
    actor: 'alice',
    createdAt: T0,
    updatedAt: T0,
    status: 'open',
    impact,
    steps: planSteps(impact, options.caps ?? SESSION_CAPABILITIES, T0),
    reassign: impact.soleAdminTeams.map((t) => ({ team: t.team, to: null })),
    reviewed: [],
    after: null,
    recheck: null,
    reinvite: null,
    events: [],
    ...options.overrides,
  });
}
