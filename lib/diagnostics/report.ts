/**
 * The diagnostics report: what each read-only check found, in a shape an admin can send to
 * support. It holds no member data: W&B's error texts are trimmed of every email but the admin's
 * own and of anything that looks like a key, and the admin key appears only as its last 4.
 */

export type CheckStatus = 'passed' | 'refused' | 'not-tried';

export interface CheckResult {
  id: string;
  /** What was checked, e.g. `Organization.members`. */
  label: string;
  status: CheckStatus;
  /** What W&B answered (trimmed), or why the check was not tried. */
  detail: string;
  /** How long it took; null when not tried. */
  ms: number | null;
}

export interface DiagnosticsReport {
  /** ISO 8601. */
  generatedAt: string;
  host: string;
  org: string;
  /** The signed-in admin's username (their own email may appear in `session`). */
  admin: string | null;
  /** How the toolkit would read the member directory on this host, from the checks. */
  directoryStrategy: string;
  versions: { extension: string; browser: string; host: string };
  key: { last4: string; kind: 'user' | 'service' } | null;
  checks: CheckResult[];
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** W&B API keys are 40 hex characters (and longer forms); any long opaque token is cut too. */
const TOKEN = /\b[A-Za-z0-9_-]{32,}\b/g;
const MAX_DETAIL = 500;

/** A W&B answer made safe for the report: other people's emails and any key-like token removed, and kept short. */
export function scrub(text: string, ownEmail: string | null): string {
  const own = ownEmail?.toLowerCase() ?? null;
  const cleaned = text
    .replace(EMAIL, (found) => (found.toLowerCase() === own ? found : '<email>'))
    .replace(TOKEN, '<redacted>')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_DETAIL ? `${cleaned.slice(0, MAX_DETAIL - 1)}…` : cleaned;
}

const STATUS_TEXT: Record<CheckStatus, string> = {
  passed: 'passed',
  refused: 'refused',
  'not-tried': 'not tried',
};

/** Markdown for a support ticket: one table, then the versions. Cells are escaped for the table. */
export function reportMarkdown(report: DiagnosticsReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Admin Toolkit for W&B — diagnostics`,
    '',
    `- Host: ${report.host}`,
    `- Organization: ${report.org}`,
    `- Signed in as: ${report.admin ?? 'nobody'}`,
    `- Directory: ${report.directoryStrategy}`,
    `- Admin key: ${report.key ? `****${report.key.last4} (${report.key.kind})` : 'none for this host'}`,
    `- Generated: ${report.generatedAt}`,
    '',
    '| check | result | detail | ms |',
    '|---|---|---|---|',
    ...report.checks.map(
      (c) =>
        `| ${cell(c.label)} | ${STATUS_TEXT[c.status]} | ${cell(c.detail)} | ${c.ms === null ? '' : c.ms} |`,
    ),
    '',
    `Extension ${report.versions.extension}; browser ${report.versions.browser}; host ${report.versions.host}.`,
    '',
  ];
  return lines.join('\n');
}
