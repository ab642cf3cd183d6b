import type { DirectorySummary } from '@/lib/wandb/directory';

/** The bar's figures for acme as the org query reads them (the bar and the toolkit controller tests). */
export function summaryFixture(overrides: Partial<DirectorySummary> = {}): DirectorySummary {
  return {
    scope: { kind: 'org', org: 'acme' },
    org: { id: 'org-1', name: 'acme' },
    source: 'org-query',
    fallbackReason: null,
    memberCount: 118,
    pendingInvites: 6,
    seats: { modelsFullUsed: 95, modelsFullTotal: 150, modelsViewerUsed: 12, modelsViewerTotal: 40 },
    viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: true },
    visibleTeams: 8,
    complete: true,
    ...overrides,
  };
}
