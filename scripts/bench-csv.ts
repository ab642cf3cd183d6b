/**
 * `npx tsx scripts/bench-csv.ts` — how long building the member-export CSV takes for a
 * 50,000-member org, and how much heap it needs (target: ≤ 500 ms). Prints one JSON line.
 *
 * The directory is synthetic and deterministic (a seeded generator), with realistic names and
 * hostile ones (formula payloads, quotes, commas, newlines, RTL marks, emoji, CJK). The timed
 * part is what the export button does: `exportRows` then `csvExportChunks`, each chunk's UTF-8
 * size summed as a Blob would store it. Best of 3 runs after one warm-up. Heap is sampled with
 * `v8.getHeapStatistics()` after every chunk; run with `node --expose-gc` (`npx tsx
 * --expose-gc …`) to start each run from a collected heap.
 */
import { getHeapStatistics } from 'node:v8';
import { EXPORT_COLUMNS } from '../lib/export/columns';
import { exportRows } from '../lib/export/rows';
import { csvExportChunks } from '../lib/export/serialise';
import type { Directory, DirectoryInvite, DirectoryMember } from '../lib/wandb/directory';

/** What one bench run measured. */
export interface BenchCsvResult {
  members: number;
  /** Rows written (members plus pending invites). */
  rows: number;
  /** Best time of the timed runs, in milliseconds. */
  buildMs: number;
  /** Every timed run, in milliseconds. */
  runsMs: number[];
  /** Highest used heap seen while building, in MB (the directory itself included). */
  peakHeapMb: number;
  /** Used heap just before building, with the directory loaded, in MB. */
  baselineHeapMb: number;
  /** UTF-8 bytes of the file. */
  bytes: number;
}

/** mulberry32: a small seeded generator, so every run builds the same org. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Grace', 'Linus', 'Zoë', 'José', 'Søren', 'Amélie', 'Mohammed', 'Priya', 'Wei', 'Yuki'];
const LAST = ['Lovelace', 'Hopper', "O'Neil", 'Nguyễn', 'Müller', 'García', 'Kowalski', 'Okafor', 'Smith'];
const HOSTILE = [
  '=HYPERLINK("http://evil.test","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed',
  'Smith, "Jr."',
  'Line\r\nBreak',
  '\u200Fשלום עליכם',
  'محمد علي',
  '山田 太郎',
  '👩🏽‍💻 Dev 🚀',
];
const ROLES = ['admin', 'member', 'member', 'member', 'viewer', 'Auditor'];
const SEATS = ['full', 'full', 'viewer', 'no-access', null];
const TEAM_ROLES = ['admin', 'member', 'member', 'view-only', 'Reviewer'];

/** A synthetic org: `members` members in `teams` teams (1–4 each), 2% of them hostile, 2% deactivated, 1% service accounts, plus pending invites. */
export function syntheticDirectory(members = 50_000, teams = 300, seed = 42): Directory {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const teamNames = Array.from({ length: teams }, (_, index) =>
    index % 50 === 7 ? `=team-${index}` : `team-${String(index).padStart(3, '0')}`,
  );
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-20T00:00:00Z') - start;
  const list: DirectoryMember[] = [];
  for (let index = 0; index < members; index++) {
    const hostile = random() < 0.02;
    const memberTeams = new Map<string, string>();
    const count = 1 + Math.floor(random() * 4);
    for (let n = 0; n < count; n++) memberTeams.set(pick(teamNames), pick(TEAM_ROLES));
    list.push({
      id: `u${index}`,
      username: `user${String(index).padStart(6, '0')}`,
      name: hostile ? pick(HOSTILE) : `${pick(FIRST)} ${pick(LAST)}`,
      email: hostile && random() < 0.5 ? `-user${index}@example.test` : `user${index}@example.test`,
      orgRole: pick(ROLES),
      modelsSeat: pick(SEATS),
      weaveAccess: pick(SEATS),
      status: random() < 0.02 ? 'deactivated' : 'active',
      accountType: random() < 0.01 ? 'service' : 'user',
      teams: [...memberTeams].map(([team, role]) => ({ team, role })),
      lastActiveAt: random() < 0.1 ? null : new Date(start + Math.floor(random() * span)).toISOString(),
    });
  }
  const invites: DirectoryInvite[] = Array.from({ length: Math.floor(members / 50) }, (_, index) => ({
    id: `i${index}`,
    email: index % 97 === 0 ? `=invite${index}@example.test` : `invite${index}@example.test`,
    team: pick(teamNames),
    role: pick(['admin', 'member']),
    createdAt: new Date(start + Math.floor(random() * span)).toISOString(),
  }));
  return {
    scope: { kind: 'org', org: 'bench' },
    org: { id: 'org-bench', name: 'bench' },
    source: 'org-query',
    fallbackReason: null,
    members: list,
    invites,
    teams: teamNames.map((name) => ({ name, memberCount: 0 })),
    seats: null,
    viewer: { username: 'user000000', isOrgAdmin: true, isTeamAdmin: true },
    visibleTeams: teams,
    complete: true,
    requests: 0,
  };
}

const MB = 1024 * 1024;

/** Builds the CSV of a synthetic org (50,000 members unless told) and reports time, peak heap and size. */
export async function benchCsv(options: { members?: number; runs?: number } = {}): Promise<BenchCsvResult> {
  const members = options.members ?? 50_000;
  const runs = options.runs ?? 3;
  const collect = (globalThis as { gc?: () => void }).gc;

  // A fresh directory per run: exportRows caches rows per directory object, and a cached run
  // would time nothing but the CSV writer.
  function build(): { ms: number; bytes: number; rows: number; peak: number } {
    const directory = syntheticDirectory(members);
    let peak = getHeapStatistics().used_heap_size;
    const started = performance.now();
    const rows = exportRows(directory, { includeInvites: true, layout: 'per-member' });
    let bytes = 0;
    for (const chunk of csvExportChunks(rows, EXPORT_COLUMNS, { delimiter: ',', bom: true })) {
      bytes += Buffer.byteLength(chunk, 'utf8');
      peak = Math.max(peak, getHeapStatistics().used_heap_size);
    }
    const ms = performance.now() - started;
    return { ms, bytes, rows: rows.length, peak };
  }

  build();
  collect?.();
  // Yield once so a caller's timers (and the test runner) are not starved between phases.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const baseline = getHeapStatistics().used_heap_size;
  const timed: ReturnType<typeof build>[] = [];
  for (let run = 0; run < runs; run++) {
    collect?.();
    timed.push(build());
  }
  const best = timed.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    members,
    rows: best.rows,
    buildMs: Math.round(best.ms * 10) / 10,
    runsMs: timed.map((run) => Math.round(run.ms * 10) / 10),
    peakHeapMb: Math.round((Math.max(...timed.map((run) => run.peak)) / MB) * 10) / 10,
    baselineHeapMb: Math.round((baseline / MB) * 10) / 10,
    bytes: best.bytes,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchCsv()));
}
