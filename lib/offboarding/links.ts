/** Links to W&B's own pages where the admin can see (and, for guided steps, do) each thing. [DOC API.md §5] */

const seg = encodeURIComponent;

export function membersPageUrl(appOrigin: string, org: string): string {
  return `${appOrigin}/account-settings/${seg(org)}/members`;
}
/** A dedicated or self-managed instance's organization dashboard (Users tab: Deactivate). [DOC API.md §4] */
export function orgDashboardUrl(appOrigin: string): string {
  return `${appOrigin}/org/dashboard`;
}
export function apiKeysPageUrl(appOrigin: string, org: string): string {
  return `${appOrigin}/account-settings/${seg(org)}/api-keys`;
}
/** A team's settings (Users tab: team roles and removal). */
export function teamSettingsUrl(appOrigin: string, team: string): string {
  return `${appOrigin}/${seg(team)}/settings`;
}
export function teamServiceAccountsUrl(appOrigin: string, team: string): string {
  return `${appOrigin}/${seg(team)}/service-accounts`;
}
export function runUrl(appOrigin: string, team: string, project: string, run: string): string {
  return `${appOrigin}/${seg(team)}/${seg(project)}/runs/${seg(run)}`;
}
