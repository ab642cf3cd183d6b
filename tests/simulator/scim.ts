/**
 * The documented SCIM API (API.md §3, [DOC]): Users, Groups (= teams) and Roles (= custom roles)
 * under /scim/ and /scim/v2/. Requests are authenticated by the server with an org admin's API key
 * (see `authenticateScim`) before reaching `handleScim`.
 */
import type { KeyAuth } from './auth';
import { type CustomRoleRec, type MemberRec, type OrgState, SimError, type TeamRec } from './state';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const SCIM_ROLE = 'urn:ietf:params:scim:schemas:core:2.0:Role';
export const SCIM_TEAMS_EXT = 'urn:ietf:params:scim:schemas:extension:teams:2.0:User';
export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_MAX_COUNT = 9999;
// not documented: the default page size when `count` is absent
export const SCIM_DEFAULT_COUNT = 100;

export interface ScimRequest {
  method: string;
  /** Path below the SCIM base, e.g. `/Users/user-3`. */
  path: string;
  query: URLSearchParams;
  ifMatch: string | undefined;
  body: unknown;
  /** The org admin whose key authenticated the request: W&B's audit log names them (./audit-logs.ts). */
  caller?: MemberRec;
}

export interface ScimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function scimError(status: number, detail: string, scimType?: string): ScimResponse {
  return {
    status,
    body: { schemas: [SCIM_ERROR], status: String(status), detail, ...(scimType ? { scimType } : {}) },
  };
}

/**
 * Documented auth: `Basic base64("<username>:<key>")`, `Basic base64(":<key>")` for an org service
 * account, or `Bearer <key>`; the key must belong to an org admin. 401 for a missing or bad key,
 * 403 for a key whose owner is not an org admin.
 */
export function authenticateScim(
  state: OrgState,
  auth: KeyAuth | null | 'malformed',
): MemberRec | ScimResponse {
  if (auth === null) return scimError(401, 'authentication required: an org admin API key');
  if (auth === 'malformed' || !auth.key || !auth.owner) return scimError(401, 'invalid API key');
  if (auth.parsed.scheme === 'basic') {
    // not documented: whether a user's key with an empty username is refused; it is, to catch misuse
    const { username } = auth.parsed;
    if (username === '' && auth.owner.accountType !== 'service') {
      return scimError(
        401,
        'Basic auth with an empty username is for service accounts; use "<username>:<key>"',
      );
    }
    if (username !== '' && username !== auth.owner.username)
      return scimError(401, 'username does not match the API key');
  }
  if (!state.isOrgAdmin(auth.owner))
    return scimError(403, 'the API key must belong to an organization admin');
  return auth.owner;
}

const version = (n: number) => `W/"${n}"`;

function userResource(state: OrgState, m: MemberRec) {
  return {
    schemas: [SCIM_USER, SCIM_TEAMS_EXT],
    id: m.id,
    userName: m.username,
    displayName: m.name,
    emails: [{ primary: true, value: m.email }],
    active: m.status === 'active',
    organizationRole: m.orgRole,
    teamRoles: state
      .teamsOf(m.username)
      .map((t) => ({ teamName: t.name, roleName: t.members.get(m.username)!.role })),
    meta: {
      resourceType: 'User',
      created: m.created,
      lastModified: m.lastModified,
      version: version(m.version),
    },
  };
}

function groupResource(state: OrgState, t: TeamRec) {
  return {
    schemas: [SCIM_GROUP],
    id: t.id,
    displayName: t.name,
    members: [...t.members.values()].map((ms) => ({
      value: state.member(ms.username)?.id ?? '',
      display: ms.username,
    })),
    meta: {
      resourceType: 'Group',
      created: t.created,
      lastModified: t.lastModified,
      version: version(t.version),
    },
  };
}

function roleResource(state: OrgState, r: CustomRoleRec) {
  return {
    schemas: [SCIM_ROLE],
    id: r.id,
    name: r.name,
    description: r.description,
    inheritedFrom: r.inheritedFrom,
    permissions: r.permissions.map((name) => ({ name, isInherited: false })),
    organizationID: state.org.id,
    meta: {
      resourceType: 'Role',
      created: r.created,
      lastModified: r.lastModified,
      version: version(r.version),
    },
  };
}

/** `attr eq "value"`: the only filter form the W&B docs show. */
function parseFilter(filter: string): { attr: string; value: string } | null {
  const match = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) return null;
  return { attr: match[1]!.toLowerCase(), value: match[2]!.replace(/\\(.)/g, '$1') };
}

function list<T>(items: T[], query: URLSearchParams, toResource: (item: T) => unknown): ScimResponse {
  const startRaw = Number(query.get('startIndex') ?? '1');
  const countRaw = Number(query.get('count') ?? String(SCIM_DEFAULT_COUNT));
  if (!Number.isFinite(startRaw) || !Number.isFinite(countRaw))
    return scimError(400, 'startIndex and count must be numbers');
  const startIndex = Math.max(1, Math.floor(startRaw));
  const count = Math.min(SCIM_MAX_COUNT, Math.max(0, Math.floor(countRaw)));
  const page = items.slice(startIndex - 1, startIndex - 1 + count);
  return {
    status: 200,
    body: {
      schemas: [SCIM_LIST],
      totalResults: items.length,
      startIndex,
      itemsPerPage: page.length,
      Resources: page.map(toResource),
    },
  };
}

/** Weak and strong forms of the same version match; `*` matches anything. */
function ifMatchFails(ifMatch: string | undefined, current: number): boolean {
  if (ifMatch === undefined) return false;
  const wanted = ifMatch.split(',').map((v) => v.trim().replace(/^W\//, ''));
  return !wanted.includes('*') && !wanted.includes(`"${current}"`);
}

interface PatchOp {
  op: string;
  path?: string;
  value?: unknown;
}

function patchOperations(body: unknown): PatchOp[] | ScimResponse {
  const ops = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(ops) || ops.length === 0)
    return scimError(400, 'expected a PatchOp body with Operations', 'invalidSyntax');
  for (const op of ops) {
    if (typeof op !== 'object' || op === null || typeof (op as PatchOp).op !== 'string') {
      return scimError(400, 'each operation needs an "op"', 'invalidSyntax');
    }
  }
  return (ops as PatchOp[]).map((op) => ({ ...op, op: op.op.toLowerCase() }));
}

function withEtag(status: number, resource: { meta: { version: string } }): ScimResponse {
  return { status, body: resource, headers: { ETag: resource.meta.version } };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

// ---- Users ----------------------------------------------------------------------------------

function teamRoleName(roleName: string): string {
  // not documented: SCIM examples use "viewer" for the View-Only team role; both spellings are accepted
  return roleName === 'viewer' ? 'view-only' : roleName;
}

function applyUserOp(state: OrgState, m: MemberRec, op: PatchOp, caller?: MemberRec): void {
  const path = op.path?.trim();
  if (op.op !== 'replace') {
    if (path === 'registryRoles') throw new SimError('registryRoles are not simulated');
    throw new SimError(`unsupported operation "${op.op}" on a User`);
  }
  const apply = (attr: string, value: unknown) => {
    if (attr === 'organizationRole') {
      if (typeof value !== 'string') throw new SimError('organizationRole must be a string');
      state.setOrgRole(m.username, value, caller);
    } else if (attr === 'teamRoles') {
      if (!Array.isArray(value)) throw new SimError('teamRoles must be a list of {teamName, roleName}');
      for (const entry of value as { teamName?: unknown; roleName?: unknown }[]) {
        const teamName = str(entry?.teamName);
        const roleName = str(entry?.roleName);
        if (!teamName || !roleName) throw new SimError('each teamRoles entry needs teamName and roleName');
        state.setTeamRole(m.username, teamName, teamRoleName(roleName));
      }
    } else if (attr === 'active') {
      if (typeof value !== 'boolean') throw new SimError('active must be true or false');
      state.setActive(m.username, value, caller);
    } else {
      // not documented for Multi-tenant: email and display-name changes are self-managed only
      throw new SimError(`"${attr}" cannot be changed here`);
    }
  };
  if (path) apply(path, op.value);
  else if (typeof op.value === 'object' && op.value !== null) {
    for (const [attr, value] of Object.entries(op.value)) apply(attr, value);
  } else throw new SimError('replace needs a path or an object value');
}

function users(state: OrgState, req: ScimRequest, id: string | undefined): ScimResponse {
  const m = id ? state.membersById.get(id) : undefined;
  if (id && !m) return scimError(404, `User ${id} not found`);
  switch (req.method) {
    case 'GET': {
      if (m) return withEtag(200, userResource(state, m));
      // not documented: whether service accounts are SCIM Users; they are listed, as Groups include them
      let items = [...state.members.values()];
      const filter = req.query.get('filter');
      if (filter) {
        const f = parseFilter(filter);
        if (!f || !['username', 'emails.value', 'emails'].includes(f.attr)) {
          return scimError(400, 'supported filters: userName eq "x", emails.value eq "x"', 'invalidFilter');
        }
        const wanted = f.value.toLowerCase();
        items = items.filter(
          (u) => (f.attr === 'username' ? u.username.toLowerCase() : u.email.toLowerCase()) === wanted,
        );
      }
      return list(items, req.query, (u) => userResource(state, u));
    }
    case 'POST': {
      if (id) return scimError(405, 'POST goes to /Users');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const userName = str(body.userName);
      const emails = Array.isArray(body.emails)
        ? (body.emails as { value?: unknown; primary?: unknown }[])
        : [];
      const email = str((emails.find((e) => e?.primary) ?? emails[0])?.value);
      if (!userName || !email)
        return scimError(400, 'userName and emails[].value are required', 'invalidValue');
      const ext = body[SCIM_TEAMS_EXT] as { teams?: unknown } | undefined;
      const teams = Array.isArray(ext?.teams)
        ? ext.teams.filter((t): t is string => typeof t === 'string')
        : [];
      const created = state.createUser({ userName, email, name: str(body.displayName), teams });
      return withEtag(201, userResource(state, created));
    }
    case 'PATCH': {
      if (!m) return scimError(405, 'PATCH needs /Users/{id}');
      if (ifMatchFails(req.ifMatch, m.version))
        return scimError(412, 'If-Match does not match the current version');
      const ops = patchOperations(req.body);
      if (!Array.isArray(ops)) return ops;
      for (const op of ops) applyUserOp(state, m, op, req.caller);
      return withEtag(200, userResource(state, m));
    }
    case 'DELETE': {
      if (!m) return scimError(405, 'DELETE needs /Users/{id}');
      if (ifMatchFails(req.ifMatch, m.version))
        return scimError(412, 'If-Match does not match the current version');
      state.removeFromOrg(m.username, req.caller);
      return { status: 204 };
    }
    case 'PUT':
      return scimError(400, 'replacing a User is not supported on Multi-tenant Cloud; use PATCH');
    default:
      return scimError(405, `${req.method} is not supported on /Users`);
  }
}

// ---- Groups (teams) -------------------------------------------------------------------------

function memberByRef(state: OrgState, ref: unknown): MemberRec {
  const value = str(ref);
  const m = value
    ? (state.membersById.get(value) ?? (value.includes('@') ? state.memberByEmail(value) : undefined))
    : undefined;
  if (!m) throw new SimError(`no user with id or email "${String(ref)}"`);
  return m;
}

function memberValues(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new SimError('members must be a list of {value}');
  return value.map((v) => (v as { value?: unknown })?.value);
}

function applyGroupOp(state: OrgState, team: TeamRec, op: PatchOp, caller?: MemberRec): void {
  const path = op.path?.trim() ?? '';
  const filtered = /^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$/i.exec(path);
  if (op.op === 'add' && path === 'members') {
    for (const ref of memberValues(op.value))
      state.addTeamMember(team, memberByRef(state, ref).username, 'member');
  } else if (op.op === 'remove' && filtered) {
    state.removeTeamMember(team, memberByRef(state, filtered[1]).username, caller);
  } else if (op.op === 'remove' && path === 'members') {
    const refs = op.value === undefined ? null : memberValues(op.value);
    const targets = refs ? refs.map((r) => memberByRef(state, r).username) : [...team.members.keys()];
    for (const u of targets) state.removeTeamMember(team, u, caller);
  } else if (op.op === 'replace' && path === 'members') {
    replaceGroupMembers(state, team, memberValues(op.value), caller);
  } else {
    throw new SimError(`unsupported operation "${op.op}${path ? ` ${path}` : ''}" on a Group`);
  }
}

function replaceGroupMembers(state: OrgState, team: TeamRec, refs: unknown[], caller?: MemberRec): void {
  const wanted = new Set(refs.map((r) => memberByRef(state, r).username));
  for (const u of [...team.members.keys()]) if (!wanted.has(u)) state.removeTeamMember(team, u, caller);
  for (const u of wanted) state.addTeamMember(team, u, 'member');
}

function groups(state: OrgState, req: ScimRequest, id: string | undefined): ScimResponse {
  const team = id ? state.teamsById.get(id) : undefined;
  if (id && !team) return scimError(404, `Group ${id} not found`);
  switch (req.method) {
    case 'GET': {
      if (team) return withEtag(200, groupResource(state, team));
      let items = [...state.teams.values()];
      const filter = req.query.get('filter');
      if (filter) {
        const f = parseFilter(filter);
        if (f?.attr !== 'displayname')
          return scimError(400, 'supported filter: displayName eq "x"', 'invalidFilter');
        items = items.filter((t) => t.name === f.value);
      }
      return list(items, req.query, (t) => groupResource(state, t));
    }
    case 'POST': {
      if (id) return scimError(405, 'POST goes to /Groups');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const displayName = str(body.displayName);
      if (!displayName) return scimError(400, 'displayName is required', 'invalidValue');
      const refs = body.members === undefined ? [] : memberValues(body.members);
      const usernames = refs.map((r) => memberByRef(state, r).username);
      return withEtag(201, groupResource(state, state.createTeam(displayName, usernames)));
    }
    case 'PATCH':
    case 'PUT': {
      if (!team) return scimError(405, `${req.method} needs /Groups/{id}`);
      if (ifMatchFails(req.ifMatch, team.version))
        return scimError(412, 'If-Match does not match the current version');
      if (req.method === 'PUT') {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const displayName = str(body.displayName);
        if (displayName !== undefined && displayName !== team.name)
          throw new SimError('renaming a team is not supported');
        replaceGroupMembers(
          state,
          team,
          body.members === undefined ? [] : memberValues(body.members),
          req.caller,
        );
      } else {
        const ops = patchOperations(req.body);
        if (!Array.isArray(ops)) return ops;
        for (const op of ops) applyGroupOp(state, team, op, req.caller);
      }
      return withEtag(200, groupResource(state, team));
    }
    case 'DELETE':
      return scimError(400, 'Team delete is not supported');
    default:
      return scimError(405, `${req.method} is not supported on /Groups`);
  }
}

// ---- Roles (custom roles) -------------------------------------------------------------------

function permissionNames(value: unknown): string[] {
  if (!Array.isArray(value)) throw new SimError('permissions must be a list of {name}');
  return value.map((p) => {
    const name = str((p as { name?: unknown })?.name);
    if (!name) throw new SimError('each permission needs a name');
    return name;
  });
}

function inheritedFrom(value: unknown): 'member' | 'viewer' {
  if (value !== 'member' && value !== 'viewer')
    throw new SimError('inheritedFrom must be "member" or "viewer"');
  return value;
}

function applyRoleOp(state: OrgState, role: CustomRoleRec, op: PatchOp): void {
  const path = op.path?.trim() ?? '';
  const filtered = /^permissions\[\s*name\s+eq\s+"([^"]*)"\s*\]$/i.exec(path);
  if (op.op === 'add' && path === 'permissions') {
    state.updateCustomRole(role, { permissions: [...role.permissions, ...permissionNames(op.value)] });
  } else if (op.op === 'remove' && (path === 'permissions' || filtered)) {
    const drop = new Set(
      filtered ? [filtered[1]!] : op.value === undefined ? role.permissions : permissionNames(op.value),
    );
    state.updateCustomRole(role, { permissions: role.permissions.filter((p) => !drop.has(p)) });
  } else if (op.op === 'replace') {
    const changes: Record<string, unknown> = path
      ? { [path]: op.value }
      : ((op.value ?? {}) as Record<string, unknown>);
    for (const [attr, value] of Object.entries(changes)) {
      if (attr === 'name') state.updateCustomRole(role, { name: str(value) ?? '' });
      else if (attr === 'description') state.updateCustomRole(role, { description: str(value) ?? null });
      else if (attr === 'permissions') state.updateCustomRole(role, { permissions: permissionNames(value) });
      else if (attr === 'inheritedFrom')
        state.updateCustomRole(role, { inheritedFrom: inheritedFrom(value) });
      else throw new SimError(`"${attr}" cannot be changed on a Role`);
    }
  } else {
    throw new SimError(`unsupported operation "${op.op}${path ? ` ${path}` : ''}" on a Role`);
  }
}

function roles(state: OrgState, req: ScimRequest, id: string | undefined): ScimResponse {
  const role = id ? [...state.customRoles.values()].find((r) => r.id === id) : undefined;
  if (id && !role) return scimError(404, `Role ${id} not found`);
  switch (req.method) {
    case 'GET': {
      if (role) return withEtag(200, roleResource(state, role));
      let items = [...state.customRoles.values()];
      const filter = req.query.get('filter');
      if (filter) {
        const f = parseFilter(filter);
        if (f?.attr !== 'name') return scimError(400, 'supported filter: name eq "x"', 'invalidFilter');
        items = items.filter((r) => r.name === f.value);
      }
      return list(items, req.query, (r) => roleResource(state, r));
    }
    case 'POST': {
      if (id) return scimError(405, 'POST goes to /Roles');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const name = str(body.name);
      if (!name) return scimError(400, 'name is required', 'invalidValue');
      const created = state.createCustomRole({
        name,
        description: str(body.description) ?? null,
        inheritedFrom: inheritedFrom(body.inheritedFrom),
        permissions: body.permissions === undefined ? [] : permissionNames(body.permissions),
      });
      return withEtag(201, roleResource(state, created));
    }
    case 'PATCH':
    case 'PUT':
    case 'DELETE': {
      if (!role) return scimError(405, `${req.method} needs /Roles/{id}`);
      if (ifMatchFails(req.ifMatch, role.version))
        return scimError(412, 'If-Match does not match the current version');
      if (req.method === 'DELETE') {
        state.deleteCustomRole(role);
        return { status: 204 };
      }
      if (req.method === 'PUT') {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const name = str(body.name);
        if (!name) return scimError(400, 'name is required', 'invalidValue');
        state.updateCustomRole(role, {
          name,
          description: str(body.description) ?? null,
          inheritedFrom: inheritedFrom(body.inheritedFrom),
          permissions: body.permissions === undefined ? [] : permissionNames(body.permissions),
        });
      } else {
        const ops = patchOperations(req.body);
        if (!Array.isArray(ops)) return ops;
        for (const op of ops) applyRoleOp(state, role, op);
      }
      return withEtag(200, roleResource(state, role));
    }
    default:
      return scimError(405, `${req.method} is not supported on /Roles`);
  }
}

/** Routes one authenticated SCIM request; refused writes become SCIM error bodies. */
export function handleScim(state: OrgState, req: ScimRequest): ScimResponse {
  const [, resource, id, extra] = req.path.split('/');
  if (extra !== undefined) return scimError(404, `no SCIM resource at ${req.path}`);
  const decodedId = id ? decodeURIComponent(id) : undefined;
  try {
    if (resource === 'Users') return users(state, req, decodedId);
    if (resource === 'Groups') return groups(state, req, decodedId);
    if (resource === 'Roles') return roles(state, req, decodedId);
    return scimError(404, `no SCIM resource at ${req.path}`);
  } catch (error) {
    if (error instanceof SimError) {
      const status = error.status === 403 ? 400 : error.status;
      return scimError(status, error.message, status === 409 ? 'uniqueness' : undefined);
    }
    throw error;
  }
}
