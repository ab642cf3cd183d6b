/**
 * The simulator's in-memory organization, built from a seed. Every write path (GraphQL, SCIM, the
 * simulated members page, test helpers) goes through this class, so the rules hold everywhere:
 * there is always an active org admin, removing from the org removes from every team, and so on.
 */
import { createHash } from 'node:crypto';
import { AuditTrail, type SimAuditAction } from './audit-logs';
import {
  BUILTIN_TEAM_ROLES,
  type SeatValue,
  type Seed,
  type SeedApiKey,
  type SeedInvite,
  type SeedMember,
  type SeedProject,
} from './seed';

export interface MemberRec {
  id: string;
  username: string;
  name: string;
  email: string;
  orgRole: string;
  modelsSeat: SeatValue;
  weaveAccess: SeatValue;
  accountType: 'user' | 'service';
  status: 'active' | 'deactivated';
  lastLoginAt: string | null;
  /** When the member was deactivated (User.deletedAt); null while active. */
  deactivatedAt: string | null;
  created: string;
  lastModified: string;
  version: number;
}

export interface Membership {
  /** Stable id: what `entity.members[].id` returns and `deleteInvite(id)` accepts. */
  id: string;
  username: string;
  role: string;
}

export interface TeamRec {
  id: string;
  /** Creation order, for listing teams in a stable order. */
  seq: number;
  name: string;
  members: Map<string, Membership>;
  created: string;
  lastModified: string;
  version: number;
}

export interface InviteRec {
  id: string;
  email: string;
  team: string;
  role: string;
  createdAt: string;
  /** The org member the invite is for, when the email or username is already one. */
  toUsername: string | null;
}

export interface ApiKeyRec {
  id: string;
  owner: string;
  name: string;
  lastUsedAt: string | null;
  /** Derived from org id, owner and key name; never logged. */
  secret: string;
}

export interface CustomRoleRec {
  id: string;
  name: string;
  description: string | null;
  inheritedFrom: 'member' | 'viewer';
  permissions: string[];
  created: string;
  lastModified: string;
  version: number;
}

export interface RunRec {
  /** Simulator-wide id, also the run's cursor in `Project.runs`. */
  id: string;
  /** Creation order, the last tie-breaker when ordering runs. */
  seq: number;
  /** The run id as W&B shows it (`Run.name`), unique within its project. */
  name: string;
  /** The author; null once they have been removed from the org (their runs stay). */
  username: string | null;
  createdAt: string;
  heartbeatAt: string | null;
}

export interface ProjectRec {
  id: string;
  /** Creation order: the default order of `projects(entityName:)`. */
  seq: number;
  team: string;
  name: string;
  createdAt: string;
  runs: RunRec[];
}

/** A refused write; `status` is the HTTP status SCIM and the UI answer with. */
export class SimError extends Error {
  readonly status: number;
  constructor(message: string, status = 400) {
    super(message);
    this.name = 'SimError';
    this.status = status;
  }
}

/** Seeds carry no creation dates; resources created from the seed all share this one. */
const SEED_CREATED = '2025-01-01T00:00:00Z';
// not documented: a seed member marked deactivated gets this User.deletedAt unless a later login exists
const SEED_DEACTIVATED_AT = '2026-10-15T00:00:00Z';

/** 40 hex characters, like a W&B API key, derived so tests and the demo can know it. */
export function deriveApiKeySecret(orgId: string, owner: string, name: string): string {
  return createHash('sha256').update(`${orgId}:${owner}:${name}`).digest('hex').slice(0, 40);
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class OrgState {
  readonly org: { id: string; name: string; seats: { models: number; modelsViewer: number } };
  readonly admin: string;
  readonly members = new Map<string, MemberRec>();
  readonly membersById = new Map<string, MemberRec>();
  readonly teams = new Map<string, TeamRec>();
  readonly teamsById = new Map<string, TeamRec>();
  readonly invites = new Map<string, InviteRec>();
  readonly apiKeys: ApiKeyRec[] = [];
  readonly customRoles = new Map<string, CustomRoleRec>();
  /** team name → its projects, in creation order */
  readonly projectsByTeam = new Map<string, ProjectRec[]>();
  /** W&B's audit log of this org (./audit-logs.ts): seed logins and run updates, then each write made for someone. */
  readonly auditTrail = new AuditTrail();
  /** membership id → team name */
  private readonly membershipTeam = new Map<string, string>();
  /** username → names of the teams they belong to */
  private readonly userTeams = new Map<string, Set<string>>();
  /** lower-cased email → username */
  private readonly emailIndex = new Map<string, string>();
  private nextId = { user: 1, team: 1, membership: 1, invite: 1, role: 1, key: 1, project: 1, run: 1 };
  private readonly clock: () => string;

  constructor(seed: Seed, options: { clock?: () => string } = {}) {
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.org = { id: seed.org.id, name: seed.org.name, seats: { ...seed.org.seats } };
    this.admin = seed.admin;
    for (const role of seed.customRoles) {
      this.customRoles.set(role.name, {
        id: `role-${this.nextId.role++}`,
        name: role.name,
        description: role.description ?? null,
        inheritedFrom: role.inheritedFrom,
        permissions: [...role.permissions],
        created: SEED_CREATED,
        lastModified: SEED_CREATED,
        version: 1,
      });
    }
    for (const m of seed.members) this.insertMember(m, SEED_CREATED);
    for (const t of seed.teams) {
      const team = this.insertTeam(t.name, SEED_CREATED);
      for (const tm of t.members) this.insertMembership(team, tm.username, tm.role);
    }
    for (const inv of seed.invites) this.insertInvite(inv);
    for (const key of seed.apiKeys) this.insertApiKey(key);
    for (const project of seed.projects) this.insertProject(project);
    this.deriveAuditTrail(seed);
  }

  /** [DOC] `user:login` at each member's last login and `run:update` at each run's last heartbeat, by its author. */
  private deriveAuditTrail(seed: Seed): void {
    for (const m of seed.members) {
      const rec = this.members.get(m.username)!;
      if (m.lastLoginAt) this.auditTrail.record('user:login', rec, m.lastLoginAt);
    }
    for (const project of seed.projects)
      for (const run of project.runs) {
        const author = run.user ? this.members.get(run.user) : undefined;
        if (author && run.heartbeatAt) this.auditTrail.record('run:update', author, run.heartbeatAt);
      }
  }

  /** An entry in W&B's audit log for a write made by `by` (none for test helpers acting for nobody). */
  private audit(action: SimAuditAction, by: MemberRec | null | undefined): void {
    if (by) this.auditTrail.record(action, by, this.clock());
  }

  // ---- reads -------------------------------------------------------------------------------

  member(username: string): MemberRec | undefined {
    return this.members.get(username);
  }

  memberByEmail(email: string): MemberRec | undefined {
    const username = this.emailIndex.get(email.trim().toLowerCase());
    return username === undefined ? undefined : this.members.get(username);
  }

  /** Teams the user belongs to, in team order. */
  teamsOf(username: string): TeamRec[] {
    const names = this.userTeams.get(username);
    if (!names || names.size === 0) return [];
    return [...names].map((n) => this.teams.get(n)!).sort((a, b) => a.seq - b.seq);
  }

  /** A team's projects in creation order; `[]` for a team without any (or an unknown name). */
  projectsOf(team: string): ProjectRec[] {
    return this.projectsByTeam.get(team) ?? [];
  }

  project(team: string, name: string): ProjectRec | undefined {
    return this.projectsOf(team).find((p) => p.name === name);
  }

  invitesFor(team: string): InviteRec[] {
    return [...this.invites.values()].filter((i) => i.team === team);
  }

  /** An active member with org role admin. */
  isOrgAdmin(m: MemberRec | null | undefined): boolean {
    return !!m && m.status === 'active' && m.orgRole === 'admin';
  }

  isTeamAdmin(m: MemberRec | null | undefined, team: TeamRec): boolean {
    return !!m && m.status === 'active' && team.members.get(m.username)?.role === 'admin';
  }

  canManageTeam(m: MemberRec | null | undefined, team: TeamRec): boolean {
    return this.isOrgAdmin(m) || this.isTeamAdmin(m, team);
  }

  /** Team members and org admins can see a team. */
  // not documented: API.md gives no visibility rule; this mirrors who can open the team's pages
  canSeeTeam(m: MemberRec | null | undefined, team: TeamRec): boolean {
    return !!m && (team.members.has(m.username) || this.isOrgAdmin(m));
  }

  /** Active human org admins: the ones the "never remove the last admin" rule protects. */
  // not documented: service accounts "are not users", so one with the admin role does not count
  activeAdminCount(): number {
    let n = 0;
    for (const m of this.members.values()) if (this.isOrgAdmin(m) && m.accountType === 'user') n++;
    return n;
  }

  private isLastAdmin(m: MemberRec): boolean {
    return this.isOrgAdmin(m) && m.accountType === 'user' && this.activeAdminCount() <= 1;
  }

  /** Seat use as W&B reports it: active, non-service members by Models seat. */
  seatUsage(): { usedSeats: number; usedViewOnlySeats: number } {
    let usedSeats = 0;
    let usedViewOnlySeats = 0;
    for (const m of this.members.values()) {
      if (m.status !== 'active' || m.accountType === 'service') continue;
      if (m.modelsSeat === 'full') usedSeats++;
      else if (m.modelsSeat === 'viewer') usedViewOnlySeats++;
    }
    return { usedSeats, usedViewOnlySeats };
  }

  /** Full seats still free once pending invites of people outside the org are counted. */
  freeFullSeats(): number {
    const outsiders = new Set<string>();
    for (const inv of this.invites.values()) if (!inv.toUsername) outsiders.add(inv.email.toLowerCase());
    return this.org.seats.models - this.seatUsage().usedSeats - outsiders.size;
  }

  apiKeyBySecret(secret: string): ApiKeyRec | undefined {
    return this.apiKeys.find((k) => k.secret === secret);
  }

  isTeamRole(role: string): boolean {
    return (BUILTIN_TEAM_ROLES as readonly string[]).includes(role) || this.customRoles.has(role);
  }

  // ---- team invites and membership (GraphQL createInvite / deleteInvite, UI, SCIM) ----------

  /**
   * createInvite: `caller` must be an admin of the team or an org admin. Refuses non-teams, people
   * already in the team, an email already pending for the team, and unknown usernames.
   */
  createInvite(
    caller: MemberRec | null,
    input: { entityName: string; email?: string | null; username?: string | null; role: string },
  ): InviteRec {
    // not documented: every refusal text in this method is chosen; API.md shows only the operation
    const team = this.teams.get(input.entityName);
    if (!team) {
      if (this.members.has(input.entityName)) throw new SimError('invites can only be sent for a team');
      throw new SimError(`team "${input.entityName}" not found`, 404);
    }
    if (!this.canManageTeam(caller, team)) throw new SimError('permission denied', 403);
    if (!this.isTeamRole(input.role)) throw new SimError(`unknown team role "${input.role}"`);
    let email: string;
    let target: MemberRec | undefined;
    if (input.username) {
      target = this.members.get(input.username);
      // not documented: the simulated universe of users is the org; anyone else is "not found"
      if (!target) throw new SimError(`user "${input.username}" not found`, 404);
      email = target.email;
    } else if (input.email) {
      email = input.email.trim();
      if (!EMAIL_RE.test(email)) throw new SimError(`"${input.email}" is not a valid email address`);
      target = this.memberByEmail(email);
    } else {
      throw new SimError('an email or a username is required');
    }
    if (target?.status === 'deactivated') throw new SimError(`user "${target.username}" is deactivated`);
    if (target && team.members.has(target.username)) {
      throw new SimError(`user "${target.username}" is already a member of team "${team.name}"`, 409);
    }
    const lower = email.toLowerCase();
    for (const inv of this.invites.values()) {
      if (inv.team === team.name && inv.email.toLowerCase() === lower) {
        throw new SimError(`an invite for "${email}" to team "${team.name}" is already pending`, 409);
      }
    }
    if (!target) {
      let alreadyCounted = false;
      for (const inv of this.invites.values())
        if (!inv.toUsername && inv.email.toLowerCase() === lower) alreadyCounted = true;
      // not documented: W&B refuses seat-consuming changes with "Seat limit reached" (SCIM docs); invites
      // of people outside the org hold a Full seat here until accepted or cancelled
      if (!alreadyCounted && this.freeFullSeats() <= 0) throw new SimError('Seat limit reached');
    }
    const invite = this.insertInvite(
      { email, team: team.name, role: input.role, createdAt: this.clock() },
      target?.username ?? null,
    );
    this.audit('team:invite_user', caller);
    return invite;
  }

  /**
   * deleteInvite: `id` is a pending invite's id (cancels it) or a membership id (removes that member
   * from the team; they stay in the org). `entityName`, when given, must be the team it belongs to.
   */
  deleteInvite(caller: MemberRec | null, input: { id?: string | null; entityName?: string | null }): void {
    if (!input.id) throw new SimError('an id is required');
    const invite = this.invites.get(input.id);
    const teamName = invite?.team ?? this.membershipTeam.get(input.id);
    const team = teamName ? this.teams.get(teamName) : undefined;
    if (!team || (input.entityName && input.entityName !== team.name)) {
      throw new SimError(`invite or membership "${input.id}" not found`, 404);
    }
    if (!this.canManageTeam(caller, team)) throw new SimError('permission denied', 403);
    if (invite) {
      this.invites.delete(invite.id);
      this.audit('team:uninvite', caller);
      return;
    }
    const membership = [...team.members.values()].find((ms) => ms.id === input.id)!;
    this.removeTeamMember(team, membership.username, caller);
  }

  /** Test helper: the invitee accepts. New people join the org as members with Full seats. */
  acceptInvite(id: string): { username: string; team: string; role: string; createdMember: boolean } {
    const invite = this.invites.get(id);
    if (!invite) throw new SimError(`invite "${id}" not found`, 404);
    const team = this.teams.get(invite.team)!;
    let member = invite.toUsername ? this.members.get(invite.toUsername) : this.memberByEmail(invite.email);
    let createdMember = false;
    if (!member) {
      member = this.insertMember(
        {
          username: this.freeUsername(invite.email),
          name: invite.email.split('@')[0]!,
          email: invite.email,
          orgRole: 'member',
          modelsSeat: 'full',
          weaveAccess: 'full',
          accountType: 'user',
          status: 'active',
          lastLoginAt: null,
        },
        this.clock(),
      );
      createdMember = true;
    }
    this.invites.delete(id);
    if (!team.members.has(member.username)) this.addTeamMember(team, member.username, invite.role);
    return { username: member.username, team: team.name, role: invite.role, createdMember };
  }

  addTeamMember(team: TeamRec, username: string, role: string): Membership {
    const existing = team.members.get(username);
    if (existing) return existing;
    const ms = this.insertMembership(team, username, role);
    this.touchTeam(team);
    // a pending invite for someone who is now in the team has served its purpose
    const member = this.members.get(username);
    for (const inv of [...this.invites.values()]) {
      if (inv.team === team.name && member && inv.email.toLowerCase() === member.email.toLowerCase()) {
        this.invites.delete(inv.id);
      }
    }
    return ms;
  }

  /**
   * Removes `username` from `team`; `by` (the admin who did it) gets a `team:uninvite` entry.
   * not documented: API.md names no other action for leaving a team, so a removal is logged as one.
   */
  removeTeamMember(team: TeamRec, username: string, by?: MemberRec | null): void {
    const ms = team.members.get(username);
    if (!ms) return;
    team.members.delete(username);
    this.membershipTeam.delete(ms.id);
    this.userTeams.get(username)?.delete(team.name);
    this.touchTeam(team);
    this.audit('team:uninvite', by);
  }

  setTeamRole(username: string, teamName: string, role: string): void {
    const team = this.teams.get(teamName);
    if (!team) throw new SimError(`team "${teamName}" not found`);
    const ms = team.members.get(username);
    if (!ms) throw new SimError(`user "${username}" is not a member of team "${teamName}"`);
    if (!this.isTeamRole(role)) throw new SimError(`unknown team role "${role}"`);
    ms.role = role;
    this.touchTeam(team);
    this.touchMember(this.members.get(username)!);
  }

  // ---- organization-level changes (SCIM and the simulated members page) --------------------

  /**
   * Removes a member from the org and every team; refuses the last active org admin. `by` gets an
   * `organization:update_member` entry (not documented: API.md names no removal action; this is the
   * org-membership action it lists).
   */
  removeFromOrg(username: string, by?: MemberRec | null): void {
    const m = this.members.get(username);
    if (!m) throw new SimError(`user "${username}" not found`, 404);
    if (this.isLastAdmin(m)) {
      throw new SimError(`"${username}" is the last org admin; make someone else an admin first`);
    }
    for (const team of this.teamsOf(username)) this.removeTeamMember(team, username);
    this.members.delete(username);
    this.membersById.delete(m.id);
    this.emailIndex.delete(m.email.toLowerCase());
    this.userTeams.delete(username);
    for (const inv of this.invites.values()) if (inv.toUsername === username) inv.toUsername = null;
    // not documented: a removed user's runs stay in their projects, with no author (Run.user null)
    for (const list of this.projectsByTeam.values())
      for (const project of list)
        for (const run of project.runs) if (run.username === username) run.username = null;
    // not documented: access ends at once, so the simulator also stops accepting the leaver's API keys
    for (let i = this.apiKeys.length - 1; i >= 0; i--)
      if (this.apiKeys[i]!.owner === username) this.apiKeys.splice(i, 1);
    this.audit('organization:update_member', by);
  }

  /** SCIM organizationRole: admin or member (viewer is deprecated and maps to member); `by` is audited. */
  setOrgRole(username: string, role: string, by?: MemberRec | null): void {
    const m = this.members.get(username);
    if (!m) throw new SimError(`user "${username}" not found`, 404);
    const wanted = role === 'viewer' ? 'member' : role;
    if (wanted !== 'admin' && wanted !== 'member') {
      throw new SimError(`organizationRole must be "admin" or "member", got "${role}"`);
    }
    if (wanted !== 'admin' && this.isLastAdmin(m)) {
      throw new SimError(`"${username}" is the last org admin; make someone else an admin first`);
    }
    if (m.accountType === 'user' && m.modelsSeat !== 'full') {
      if (m.status === 'active' && this.freeFullSeats() <= 0) throw new SimError('Seat limit reached');
      m.modelsSeat = 'full';
      m.weaveAccess = 'full';
    }
    m.orgRole = wanted;
    this.touchMember(m);
    this.audit('organization:update_member', by);
  }

  /** SCIM `active`; `by` gets an `organization:update_member` entry. */
  setActive(username: string, active: boolean, by?: MemberRec | null): void {
    const m = this.members.get(username);
    if (!m) throw new SimError(`user "${username}" not found`, 404);
    if (active === (m.status === 'active')) return;
    if (!active && this.isLastAdmin(m)) {
      throw new SimError(`"${username}" is the last org admin; make someone else an admin first`);
    }
    if (active && m.accountType === 'user' && m.modelsSeat === 'full' && this.freeFullSeats() <= 0) {
      throw new SimError('Seat limit reached');
    }
    m.status = active ? 'active' : 'deactivated';
    m.deactivatedAt = active ? null : this.clock();
    this.touchMember(m);
    this.audit('organization:update_member', by);
  }

  /** SCIM POST /Users: a new active org member (org role member, Full seats) in the given teams. */
  createUser(input: { userName: string; email: string; name?: string; teams?: string[] }): MemberRec {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(input.userName))
      throw new SimError(`invalid userName "${input.userName}"`);
    if (!EMAIL_RE.test(input.email)) throw new SimError(`invalid email "${input.email}"`);
    if (this.members.has(input.userName) || this.teams.has(input.userName)) {
      throw new SimError(`user "${input.userName}" already exists`, 409);
    }
    if (this.memberByEmail(input.email))
      throw new SimError(`a user with email "${input.email}" already exists`, 409);
    for (const t of input.teams ?? []) if (!this.teams.has(t)) throw new SimError(`team "${t}" not found`);
    if (this.freeFullSeats() <= 0) throw new SimError('Seat limit reached');
    const m = this.insertMember(
      {
        username: input.userName,
        name: input.name ?? input.userName,
        email: input.email,
        orgRole: 'member',
        modelsSeat: 'full',
        weaveAccess: 'full',
        accountType: 'user',
        status: 'active',
        lastLoginAt: null,
      },
      this.clock(),
    );
    for (const t of input.teams ?? []) this.addTeamMember(this.teams.get(t)!, m.username, 'member');
    return m;
  }

  /** SCIM POST /Groups: a new team; the org's service accounts are added to it (documented). */
  createTeam(name: string, usernames: string[]): TeamRec {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new SimError(`invalid team name "${name}"`);
    if (this.teams.has(name) || this.members.has(name) || name === this.org.name) {
      throw new SimError(`an entity named "${name}" already exists`, 409);
    }
    const team = this.insertTeam(name, this.clock());
    for (const u of usernames) this.addTeamMember(team, u, 'member');
    for (const m of this.members.values()) {
      if (m.accountType === 'service') this.addTeamMember(team, m.username, 'member');
    }
    return team;
  }

  // ---- custom roles (SCIM /Roles) ----------------------------------------------------------

  createCustomRole(input: {
    name: string;
    description?: string | null;
    inheritedFrom: 'member' | 'viewer';
    permissions: string[];
  }): CustomRoleRec {
    this.checkRoleName(input.name, null);
    const now = this.clock();
    const role: CustomRoleRec = {
      id: `role-${this.nextId.role++}`,
      name: input.name,
      description: input.description ?? null,
      inheritedFrom: input.inheritedFrom,
      permissions: [...new Set(input.permissions)],
      created: now,
      lastModified: now,
      version: 1,
    };
    this.customRoles.set(role.name, role);
    return role;
  }

  updateCustomRole(
    role: CustomRoleRec,
    changes: Partial<Pick<CustomRoleRec, 'name' | 'description' | 'inheritedFrom' | 'permissions'>>,
  ): void {
    if (changes.name !== undefined && changes.name !== role.name) {
      this.checkRoleName(changes.name, role);
      const old = role.name;
      this.customRoles.delete(old);
      role.name = changes.name;
      this.customRoles.set(role.name, role);
      for (const m of this.members.values()) if (m.orgRole === old) m.orgRole = role.name;
      for (const t of this.teams.values())
        for (const ms of t.members.values()) if (ms.role === old) ms.role = role.name;
      for (const inv of this.invites.values()) if (inv.role === old) inv.role = role.name;
    }
    if (changes.description !== undefined) role.description = changes.description;
    if (changes.inheritedFrom !== undefined) role.inheritedFrom = changes.inheritedFrom;
    if (changes.permissions !== undefined) role.permissions = [...new Set(changes.permissions)];
    role.version++;
    role.lastModified = this.clock();
  }

  deleteCustomRole(role: CustomRoleRec): void {
    let holders = 0;
    for (const m of this.members.values()) if (m.orgRole === role.name) holders++;
    for (const t of this.teams.values())
      for (const ms of t.members.values()) if (ms.role === role.name) holders++;
    for (const inv of this.invites.values()) if (inv.role === role.name) holders++;
    // not documented: deleting a role still in use is refused rather than silently re-assigning people
    if (holders > 0) throw new SimError(`role "${role.name}" is still assigned ${holders} time(s)`, 409);
    this.customRoles.delete(role.name);
  }

  private checkRoleName(name: string, self: CustomRoleRec | null): void {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new SimError(`invalid role name "${name}"`);
    if (['admin', 'member', 'viewer', 'view-only'].includes(name))
      throw new SimError(`"${name}" is a built-in role`, 409);
    const other = this.customRoles.get(name);
    if (other && other !== self) throw new SimError(`role "${name}" already exists`, 409);
  }

  // ---- seed shape --------------------------------------------------------------------------

  /** The current state in seed shape (what `/__sim/state` returns); it parses as a seed again. */
  toSeed(): Seed {
    return {
      org: { id: this.org.id, name: this.org.name, seats: { ...this.org.seats } },
      admin: this.admin,
      customRoles: [...this.customRoles.values()].map((r) => ({
        name: r.name,
        inheritedFrom: r.inheritedFrom,
        permissions: [...r.permissions],
        ...(r.description !== null ? { description: r.description } : {}),
      })),
      members: [...this.members.values()].map((m) => ({
        username: m.username,
        name: m.name,
        email: m.email,
        orgRole: m.orgRole,
        modelsSeat: m.modelsSeat,
        weaveAccess: m.weaveAccess,
        accountType: m.accountType,
        status: m.status,
        lastLoginAt: m.lastLoginAt,
      })),
      teams: [...this.teams.values()].map((t) => ({
        name: t.name,
        members: [...t.members.values()].map((ms) => ({ username: ms.username, role: ms.role })),
      })),
      invites: [...this.invites.values()].map((i) => ({
        email: i.email,
        team: i.team,
        role: i.role,
        createdAt: i.createdAt,
      })),
      apiKeys: this.apiKeys.map((k) => ({ owner: k.owner, name: k.name, lastUsedAt: k.lastUsedAt })),
      projects: [...this.projectsByTeam.values()]
        .flat()
        .sort((a, b) => a.seq - b.seq)
        .map((p) => ({
          team: p.team,
          name: p.name,
          createdAt: p.createdAt,
          runs: p.runs.map((r) => ({
            name: r.name,
            user: r.username,
            createdAt: r.createdAt,
            heartbeatAt: r.heartbeatAt,
          })),
        })),
    };
  }

  // ---- internals ---------------------------------------------------------------------------

  private insertMember(m: SeedMember, created: string): MemberRec {
    const rec: MemberRec = {
      id: `user-${this.nextId.user++}`,
      username: m.username,
      name: m.name,
      email: m.email,
      orgRole: m.orgRole,
      modelsSeat: m.modelsSeat,
      weaveAccess: m.weaveAccess,
      accountType: m.accountType,
      status: m.status,
      lastLoginAt: m.lastLoginAt,
      deactivatedAt:
        m.status === 'deactivated'
          ? m.lastLoginAt && m.lastLoginAt > SEED_DEACTIVATED_AT
            ? m.lastLoginAt
            : SEED_DEACTIVATED_AT
          : null,
      created,
      lastModified: created,
      version: 1,
    };
    this.members.set(rec.username, rec);
    this.membersById.set(rec.id, rec);
    this.emailIndex.set(rec.email.toLowerCase(), rec.username);
    return rec;
  }

  private insertTeam(name: string, created: string): TeamRec {
    const seq = this.nextId.team++;
    const team: TeamRec = {
      id: `team-${seq}`,
      seq,
      name,
      members: new Map(),
      created,
      lastModified: created,
      version: 1,
    };
    this.teams.set(name, team);
    this.teamsById.set(team.id, team);
    return team;
  }

  private insertMembership(team: TeamRec, username: string, role: string): Membership {
    const ms: Membership = { id: `membership-${this.nextId.membership++}`, username, role };
    team.members.set(username, ms);
    this.membershipTeam.set(ms.id, team.name);
    let set = this.userTeams.get(username);
    if (!set) {
      set = new Set();
      this.userTeams.set(username, set);
    }
    set.add(team.name);
    return ms;
  }

  private insertInvite(inv: SeedInvite, toUsername?: string | null): InviteRec {
    const rec: InviteRec = {
      id: `invite-${this.nextId.invite++}`,
      email: inv.email,
      team: inv.team,
      role: inv.role,
      createdAt: inv.createdAt,
      toUsername: toUsername === undefined ? (this.memberByEmail(inv.email)?.username ?? null) : toUsername,
    };
    this.invites.set(rec.id, rec);
    return rec;
  }

  private insertApiKey(key: SeedApiKey): void {
    this.apiKeys.push({
      id: `key-${this.nextId.key++}`,
      owner: key.owner,
      name: key.name,
      lastUsedAt: key.lastUsedAt,
      secret: deriveApiKeySecret(this.org.id, key.owner, key.name),
    });
  }

  private insertProject(project: SeedProject): void {
    const rec: ProjectRec = {
      id: `project-${this.nextId.project}`,
      seq: this.nextId.project++,
      team: project.team,
      name: project.name,
      createdAt: project.createdAt,
      runs: project.runs.map((run) => ({
        id: `run-${this.nextId.run}`,
        seq: this.nextId.run++,
        name: run.name,
        username: run.user,
        createdAt: run.createdAt,
        heartbeatAt: run.heartbeatAt,
      })),
    };
    let list = this.projectsByTeam.get(project.team);
    if (!list) {
      list = [];
      this.projectsByTeam.set(project.team, list);
    }
    list.push(rec);
  }

  private freeUsername(email: string): string {
    const base =
      email
        .split('@')[0]!
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '-')
        .replace(/^[^a-z0-9]+/, '') || 'user';
    let name = base;
    for (let n = 2; this.members.has(name) || this.teams.has(name) || name === this.org.name; n++)
      name = `${base}${n}`;
    return name;
  }

  private touchTeam(team: TeamRec): void {
    team.version++;
    team.lastModified = this.clock();
  }

  private touchMember(m: MemberRec): void {
    m.version++;
    m.lastModified = this.clock();
  }
}
