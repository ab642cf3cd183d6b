/**
 * A deterministic generator of large organizations for load tests, the bench and the demo.
 * Same options → byte-identical seed: a seeded PRNG and dates relative to a fixed instant.
 */
import type { Seed, SeedApiKey, SeedInvite, SeedMember, SeedProject, SeedTeam } from './seed';

export interface GenerateOptions {
  /** Total members, the admin included (≥ 1). */
  members: number;
  /** Number of teams (≥ 1). */
  teams: number;
  /** PRNG seed; default 1. */
  seed?: number;
}

/** The instant generated dates are relative to. */
export const GENERATED_NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Ada',
  'Bruno',
  'Chen',
  'Dalia',
  'Emeka',
  'Fatima',
  'Gustav',
  'Hana',
  'Ines',
  'Jonas',
  'Kenji',
  'Lucía',
  'Mateo',
  'Nadia',
  'Olu',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tomasz',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Amir',
  'Björn',
  'Chloé',
  'Dmitri',
  'Elif',
  'François',
  'Giulia',
  'Hamid',
  'Ingrid',
  'José',
  'Kwame',
  'Leila',
  'Mei',
  'Noor',
  'Oskar',
  'Pilar',
  'Rahul',
  'Sakura',
  'Tariq',
  'Ulla',
  'Valentina',
  'William',
  'Xiang',
  'Yara',
];
const LAST_NAMES = [
  'Abebe',
  'Bauer',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fernández',
  'García',
  'Haddad',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Larsen',
  'Müller',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Singh',
  'Tanaka',
  'Ueda',
  'Vargas',
  'Wang',
  'Xu',
  'Yilmaz',
  'Zhang',
  "O'Brien",
  'da Silva',
  'van der Berg',
  'Nguyễn',
  'Öztürk',
  'Łukasiewicz',
  'Søndergaard',
  'Kim',
  'Park',
  'Lee',
  'Cohen',
  'Mendoza',
  'Smith',
  'Johnson',
];
const TEAM_WORDS = [
  'vision',
  'nlp',
  'robotics',
  'infra',
  'research',
  'platform',
  'data',
  'ml-ops',
  'speech',
  'recsys',
  'safety',
  'eval',
  'search',
  'ranking',
  'forecast',
  'genomics',
  'autonomy',
  'perception',
  'mapping',
  'pricing',
  'fraud',
  'growth',
  'ads',
  'health',
  'finance',
  'security',
  'compilers',
  'kernels',
  'serving',
  'training',
  'labeling',
  'analytics',
  'agents',
  'multimodal',
  'retrieval',
  'tabular',
  'timeseries',
  'chemistry',
  'materials',
  'climate',
];
const PROJECT_WORDS = [
  'baseline',
  'sweeps',
  'ablations',
  'finetune',
  'eval-suite',
  'pretrain',
  'distill',
  'demo',
];
const RUN_ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SERVICE_WORDS = ['ci', 'nightly', 'eval', 'deploy', 'sweep', 'backfill', 'export', 'monitor'];

function teamName(i: number): string {
  const word = TEAM_WORDS[i % TEAM_WORDS.length]!;
  const round = Math.floor(i / TEAM_WORDS.length);
  return round === 0 ? word : `${word}-${round + 1}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Generates an organization named `acme` whose admin is `admin` (org admin and team admin of every
 * team). About 2 % org admins, 10 % viewers, 2 % service accounts, 1 % deactivated; each other member
 * in 1–3 teams; invites ≈ members / 20; some API keys; logins over the previous 400 days.
 */
export function generateOrg({ members: memberCount, teams: teamCount, seed = 1 }: GenerateOptions): Seed {
  if (!Number.isInteger(memberCount) || memberCount < 1)
    throw new Error('members must be a whole number ≥ 1');
  if (!Number.isInteger(teamCount) || teamCount < 1) throw new Error('teams must be a whole number ≥ 1');
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const width = Math.max(5, String(memberCount).length);
  const pad = (n: number) => String(n).padStart(width, '0');

  const teamMembers: SeedTeam['members'][] = Array.from({ length: teamCount }, () => [
    { username: 'admin', role: 'admin' },
  ]);
  const members: SeedMember[] = [
    {
      username: 'admin',
      name: 'Ada Admin',
      email: 'admin@acme.test',
      orgRole: 'admin',
      modelsSeat: 'full',
      weaveAccess: 'full',
      accountType: 'user',
      status: 'active',
      lastLoginAt: iso(GENERATED_NOW - DAY / 2),
    },
  ];
  const apiKeys: SeedApiKey[] = [
    { owner: 'admin', name: 'admin-key', lastUsedAt: iso(GENERATED_NOW - 3_600_000) },
  ];
  let full = 1;
  let viewers = 0;

  for (let i = 1; i < memberCount; i++) {
    const username = `user${pad(i)}`;
    const kind = rand();
    const service = kind < 0.02;
    const orgRole =
      kind < 0.02
        ? 'member'
        : kind < 0.04
          ? 'admin'
          : kind < 0.14
            ? 'viewer'
            : kind < 0.145
              ? 'auditor'
              : 'member';
    const viewerLike = orgRole === 'viewer' || orgRole === 'auditor';
    const deactivated = !service && rand() < 0.01;
    const seatValue = service ? 'no-access' : viewerLike ? 'viewer' : 'full';
    const name = service
      ? `${pick(SERVICE_WORDS)} service account ${i}`
      : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    const loginRoll = rand();
    const lastLoginAt =
      service || loginRoll < 0.05 ? null : iso(GENERATED_NOW - Math.floor(rand() * 400 * DAY));
    members.push({
      username,
      name,
      email: `${username}@acme.test`,
      orgRole,
      modelsSeat: seatValue,
      weaveAccess: seatValue,
      accountType: service ? 'service' : 'user',
      status: deactivated ? 'deactivated' : 'active',
      lastLoginAt,
    });
    if (!deactivated && !service) {
      if (seatValue === 'full') full++;
      else viewers++;
    }

    const wanted = service ? 1 : 1 + Math.floor(rand() * 3);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(wanted, teamCount)) chosen.add(Math.floor(rand() * teamCount));
    for (const t of chosen) {
      const roleRoll = rand();
      const role = viewerLike
        ? 'view-only'
        : !service && !deactivated && roleRoll < 0.06
          ? 'admin'
          : 'member';
      teamMembers[t]!.push({ username, role });
    }

    if (service)
      apiKeys.push({
        owner: username,
        name: `${username}-ci`,
        lastUsedAt: iso(GENERATED_NOW - Math.floor(rand() * 30 * DAY)),
      });
    else if (rand() < 0.03) {
      const used = rand() < 0.7 ? iso(GENERATED_NOW - Math.floor(rand() * 200 * DAY)) : null;
      apiKeys.push({ owner: username, name: `${username}-key`, lastUsedAt: used });
    }
  }

  const teams: SeedTeam[] = teamMembers.map((list, i) => ({ name: teamName(i), members: list }));
  const invites: SeedInvite[] = [];
  const inviteCount = Math.round(memberCount / 20);
  for (let j = 0; j < inviteCount; j++) {
    invites.push({
      email: `invitee${pad(j + 1)}@example.test`,
      team: teams[j % teamCount]!.name,
      role: rand() < 0.1 ? 'admin' : 'member',
      createdAt: iso(GENERATED_NOW - Math.floor(rand() * 90 * DAY)),
    });
  }

  const projects = generateProjects(teams, seed);

  return {
    org: {
      id: 'org-1',
      name: 'acme',
      seats: {
        models: full + inviteCount + Math.max(10, Math.ceil(full * 0.05)),
        modelsViewer: viewers + Math.max(5, Math.ceil(viewers * 0.1)),
      },
    },
    admin: 'admin',
    customRoles: [
      {
        name: 'auditor',
        inheritedFrom: 'viewer',
        permissions: ['audit-log:read'],
        description: 'Read-only access plus audit logs',
      },
    ],
    members,
    teams,
    invites,
    apiKeys,
    projects,
  };
}

/**
 * 1–2 projects per team with 2–5 runs each by the team's non-view-only members; heartbeats over
 * the 120 days before GENERATED_NOW, about 1 in 10 null. A PRNG of its own, so the members, teams
 * and invites are the same as before projects existed.
 */
function generateProjects(teams: readonly SeedTeam[], seed: number): SeedProject[] {
  const rand = mulberry32((seed ^ 0x5eed_f00d) >>> 0);
  const projects: SeedProject[] = [];
  for (const team of teams) {
    const authors = team.members.filter((m) => m.role !== 'view-only');
    const count = rand() < 0.5 ? 1 : 2;
    const first = Math.floor(rand() * PROJECT_WORDS.length);
    for (let p = 0; p < count; p++) {
      const runs: SeedProject['runs'] = [];
      const runCount = 2 + Math.floor(rand() * 4);
      for (let r = 0; r < runCount; r++) {
        let name = '';
        for (let c = 0; c < 8; c++) name += RUN_ID_CHARS[Math.floor(rand() * RUN_ID_CHARS.length)];
        const created = GENERATED_NOW - Math.floor(rand() * 120 * DAY);
        const heartbeat =
          rand() < 0.1 ? null : iso(Math.min(GENERATED_NOW, created + Math.floor(rand() * DAY)));
        const author = authors[Math.floor(rand() * authors.length)]!.username;
        // run ids are random; a clash within one project gets a suffix
        if (runs.some((run) => run.name === name)) name += `-${r}`;
        runs.push({ name, user: author, createdAt: iso(created), heartbeatAt: heartbeat });
      }
      projects.push({
        team: team.name,
        name: PROJECT_WORDS[(first + p) % PROJECT_WORDS.length]!,
        createdAt: iso(GENERATED_NOW - 200 * DAY + p * DAY),
        runs,
      });
    }
  }
  return projects;
}

/** Parses the CLI's `members=N,teams=M[,seed=S]`. */
export function parseGenerateSpec(spec: string): GenerateOptions {
  const values: Record<string, number> = {};
  for (const part of spec.split(',')) {
    const [key, value] = part.split('=');
    const n = Number(value);
    if (!key || !['members', 'teams', 'seed'].includes(key) || value === undefined || !Number.isInteger(n)) {
      throw new Error(`--generate: expected members=N,teams=M[,seed=S], got "${part}"`);
    }
    values[key] = n;
  }
  if (values.members === undefined || values.teams === undefined) {
    throw new Error('--generate: members=N and teams=M are both required');
  }
  return { members: values.members, teams: values.teams, seed: values.seed ?? 1 };
}
