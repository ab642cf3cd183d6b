/**
 * The simulator's seed file: one organization with its members, teams, pending invites, API keys
 * and custom roles. Format: docs/product.md "Seed file". Unknown keys are rejected; every problem
 * is reported as `<json path>: <reason>`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const BUILTIN_ORG_ROLES = ['admin', 'member', 'viewer'] as const;
export const BUILTIN_TEAM_ROLES = ['admin', 'member', 'view-only'] as const;
export const SEAT_VALUES = ['full', 'viewer', 'no-access'] as const;

export type SeatValue = (typeof SEAT_VALUES)[number];

/** Zod's message for a missing key is "expected string, received undefined"; say "required" instead. */
const orRequired =
  (text: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'required' : text;

const isoDate = z.iso.datetime({ offset: true, error: orRequired('expected an ISO 8601 date-time') });
const name = z.string({ error: orRequired('expected a string') });
const identifier = z
  .string({ error: orRequired('expected a string') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-"');
const email = z.email({ error: orRequired('expected an email address') });
const seat = z.enum(SEAT_VALUES, { error: orRequired('expected full | viewer | no-access') });
const count = z.int({ error: orRequired('expected a whole number') }).min(0, 'expected 0 or more');

const customRoleSchema = z
  .object({
    name: identifier,
    inheritedFrom: z.enum(['member', 'viewer'], { error: orRequired('expected member | viewer') }),
    permissions: z.array(z.string().min(1, 'expected a permission name')),
    description: z.string().optional(),
  })
  .strict();

const memberSchema = z
  .object({
    username: identifier,
    name,
    email,
    orgRole: identifier,
    modelsSeat: seat,
    weaveAccess: seat,
    accountType: z.enum(['user', 'service'], { error: orRequired('expected user | service') }),
    status: z.enum(['active', 'deactivated'], { error: 'expected active | deactivated' }).default('active'),
    lastLoginAt: isoDate.nullable().default(null),
  })
  .strict();

const teamSchema = z
  .object({
    name: identifier,
    members: z.array(z.object({ username: identifier, role: identifier }).strict()),
  })
  .strict();

const inviteSchema = z.object({ email, team: identifier, role: identifier, createdAt: isoDate }).strict();

/** Creation date of a seed project that gives none (the date seed resources are created on). */
export const SEED_PROJECT_CREATED = '2025-01-01T00:00:00Z';

const runSchema = z
  .object({
    name: identifier,
    // null: the run's author is no longer in the org (Run.user is nullable [SDL])
    user: identifier.nullable(),
    createdAt: isoDate,
    heartbeatAt: isoDate.nullable(),
  })
  .strict();

const projectSchema = z
  .object({
    team: identifier,
    name: identifier,
    createdAt: isoDate.default(SEED_PROJECT_CREATED),
    runs: z.array(runSchema).default([]),
  })
  .strict();

const apiKeySchema = z
  .object({
    owner: identifier,
    name: z.string().min(1, 'expected a key name'),
    lastUsedAt: isoDate.nullable().default(null),
  })
  .strict();

export const seedSchema = z
  .object({
    org: z
      .object({
        id: z.string().min(1, 'expected an id'),
        name: identifier,
        seats: z.object({ models: count, modelsViewer: count }).strict(),
      })
      .strict(),
    admin: identifier,
    customRoles: z.array(customRoleSchema).default([]),
    members: z.array(memberSchema),
    teams: z.array(teamSchema),
    invites: z.array(inviteSchema).default([]),
    apiKeys: z.array(apiKeySchema).default([]),
    projects: z.array(projectSchema).default([]),
  })
  .strict();

export type Seed = z.output<typeof seedSchema>;
export type SeedInput = z.input<typeof seedSchema>;
export type SeedMember = Seed['members'][number];
export type SeedTeam = Seed['teams'][number];
export type SeedInvite = Seed['invites'][number];
export type SeedApiKey = Seed['apiKeys'][number];
export type SeedCustomRole = Seed['customRoles'][number];
export type SeedProject = Seed['projects'][number];
export type SeedRun = SeedProject['runs'][number];

export interface SeedIssue {
  path: string;
  message: string;
}

export class SeedError extends Error {
  readonly issues: SeedIssue[];
  constructor(issues: SeedIssue[]) {
    super(`invalid seed:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'SeedError';
    this.issues = issues;
  }
}

/** `['members', 3, 'orgRole']` → `members[3].orgRole`; the empty path → `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function zodIssues(error: z.ZodError): SeedIssue[] {
  const issues: SeedIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ path: formatPath([...issue.path, key]), message: 'unknown key' });
      continue;
    }
    const message = / received undefined$/.test(issue.message) ? 'required' : issue.message;
    issues.push({ path: formatPath(issue.path), message });
  }
  return issues;
}

/** Checks that need the whole seed: references between members, teams, invites, keys and roles. */
function crossReferenceIssues(seed: Seed): SeedIssue[] {
  const issues: SeedIssue[] = [];
  const add = (path: PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });

  const customNames = new Set<string>();
  seed.customRoles.forEach((role, i) => {
    if ((BUILTIN_ORG_ROLES as readonly string[]).includes(role.name) || role.name === 'view-only') {
      add(['customRoles', i, 'name'], `"${role.name}" is a built-in role`);
    } else if (customNames.has(role.name)) {
      add(['customRoles', i, 'name'], `duplicate custom role "${role.name}"`);
    }
    customNames.add(role.name);
  });

  const members = new Map<string, SeedMember>();
  const emails = new Set<string>();
  seed.members.forEach((member, i) => {
    if (members.has(member.username))
      add(['members', i, 'username'], `duplicate username "${member.username}"`);
    members.set(member.username, member);
    const mail = member.email.toLowerCase();
    if (emails.has(mail)) add(['members', i, 'email'], `duplicate email "${member.email}"`);
    emails.add(mail);
    if (
      !(BUILTIN_ORG_ROLES as readonly string[]).includes(member.orgRole) &&
      !customNames.has(member.orgRole)
    ) {
      add(['members', i, 'orgRole'], 'expected admin | member | viewer | a custom role');
    }
  });

  const admin = members.get(seed.admin);
  if (!admin) add(['admin'], `"${seed.admin}" is not a listed member`);
  else if (admin.orgRole !== 'admin' || admin.status !== 'active' || admin.accountType !== 'user') {
    add(['admin'], `"${seed.admin}" must be an active user with orgRole admin`);
  }

  const teamRoleOk = (role: string) =>
    (BUILTIN_TEAM_ROLES as readonly string[]).includes(role) || customNames.has(role);
  const teams = new Map<string, Set<string>>();
  seed.teams.forEach((team, i) => {
    if (teams.has(team.name)) add(['teams', i, 'name'], `duplicate team "${team.name}"`);
    // not documented: entity names (users and teams) share one namespace in W&B URLs, so a clash is refused
    if (members.has(team.name)) add(['teams', i, 'name'], `"${team.name}" is already a username`);
    if (team.name === seed.org.name) add(['teams', i, 'name'], `"${team.name}" is the organization's name`);
    const inTeam = new Set<string>();
    team.members.forEach((tm, j) => {
      if (!members.has(tm.username))
        add(['teams', i, 'members', j, 'username'], `"${tm.username}" is not a listed member`);
      if (inTeam.has(tm.username))
        add(['teams', i, 'members', j, 'username'], `"${tm.username}" is listed twice`);
      inTeam.add(tm.username);
      if (!teamRoleOk(tm.role))
        add(['teams', i, 'members', j, 'role'], 'expected admin | member | view-only | a custom role');
    });
    teams.set(team.name, inTeam);
  });

  const memberByEmail = new Map(seed.members.map((m) => [m.email.toLowerCase(), m.username]));
  const pending = new Set<string>();
  seed.invites.forEach((invite, i) => {
    const team = teams.get(invite.team);
    if (!team) add(['invites', i, 'team'], `no team named "${invite.team}"`);
    if (!teamRoleOk(invite.role))
      add(['invites', i, 'role'], 'expected admin | member | view-only | a custom role');
    const key = `${invite.email.toLowerCase()}\n${invite.team}`;
    if (pending.has(key))
      add(['invites', i, 'email'], `"${invite.email}" is already invited to "${invite.team}"`);
    pending.add(key);
    const existing = memberByEmail.get(invite.email.toLowerCase());
    if (team && existing && team.has(existing)) {
      add(['invites', i, 'email'], `"${invite.email}" is already a member of "${invite.team}"`);
    }
  });

  const keys = new Set<string>();
  seed.apiKeys.forEach((key, i) => {
    if (!members.has(key.owner)) add(['apiKeys', i, 'owner'], `"${key.owner}" is not a listed member`);
    const id = `${key.owner}\n${key.name}`;
    if (keys.has(id)) add(['apiKeys', i, 'name'], `duplicate key "${key.name}" for "${key.owner}"`);
    keys.add(id);
  });

  const projects = new Set<string>();
  seed.projects.forEach((project, i) => {
    // not documented: projects are simulated for teams only (personal projects are not needed)
    if (!teams.has(project.team)) add(['projects', i, 'team'], `no team named "${project.team}"`);
    const id = `${project.team}\n${project.name}`;
    if (projects.has(id))
      add(['projects', i, 'name'], `duplicate project "${project.name}" in team "${project.team}"`);
    projects.add(id);
    const runs = new Set<string>();
    project.runs.forEach((run, j) => {
      if (runs.has(run.name))
        add(['projects', i, 'runs', j, 'name'], `duplicate run "${run.name}" in "${project.name}"`);
      runs.add(run.name);
      // a run's author must be an org member; they may since have left the team (their runs stay)
      if (run.user !== null && !members.has(run.user))
        add(['projects', i, 'runs', j, 'user'], `"${run.user}" is not a listed member`);
      if (run.heartbeatAt !== null && Date.parse(run.heartbeatAt) < Date.parse(run.createdAt))
        add(['projects', i, 'runs', j, 'heartbeatAt'], 'is before createdAt');
    });
  });
  return issues;
}

/** Validates a parsed JSON value as a seed; throws SeedError listing every problem with its path. */
export function parseSeed(json: unknown): Seed {
  const parsed = seedSchema.safeParse(json);
  if (!parsed.success) throw new SeedError(zodIssues(parsed.error));
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length > 0) throw new SeedError(issues);
  return parsed.data;
}

/** Reads and validates a seed file; unreadable files and bad JSON are reported as SeedError too. */
export function loadSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedError([{ path: '(file)', message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError([{ path: '(file)', message: `invalid JSON: ${(error as Error).message}` }]);
  }
  return parseSeed(json);
}

/** The default seed: the `acme` organization used by the demo and the end-to-end tests. */
export const DEFAULT_SEED_PATH = fileURLToPath(new URL('./seeds/acme.json', import.meta.url));
