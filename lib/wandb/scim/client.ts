/** The SCIM client: W&B's documented Users, Groups and Roles endpoints, each a typed method. */
import { pageCounter } from '../limits';
import { createScimHttp, listSchema, pageQuery, userPath } from './http';
import {
  SCIM_TEAMS_EXTENSION,
  SCIM_USER_SCHEMA,
  type ScimRole,
  scimGroupSchema,
  scimRoleSchema,
  scimUserSchema,
} from './resources';
import { type ScimClient, type ScimClientOptions, type ScimUserFilter, scimEqFilter } from './types';
import { exactlyOneUser } from './users';

/** A client for one API origin and key; reads retried, writes sent once. */
export function createScimClient(options: ScimClientOptions): ScimClient {
  const http = createScimHttp(options);
  const userList = listSchema(scimUserSchema);
  const groupList = listSchema(scimGroupSchema);
  const roleList = listSchema(scimRoleSchema);

  const client: ScimClient = {
    get base() {
      return http.base;
    },
    async listUsers(query = {}, requestOptions = {}) {
      const filter =
        query.filter === undefined
          ? undefined
          : 'userName' in query.filter
            ? scimEqFilter('userName', query.filter.userName)
            : scimEqFilter('emails.value', query.filter.email);
      return http.readPage('/Users', query, filter, 'list users', userList, requestOptions);
    },
    listAllUsers(requestOptions = {}) {
      return http.collectAll(
        'the SCIM user list',
        (startIndex, count) => client.listUsers({ startIndex, count }, requestOptions),
        requestOptions.pageSize ?? 500,
      );
    },
    async findUser(usernameOrEmail, requestOptions = {}) {
      const value = usernameOrEmail.trim();
      const filter: ScimUserFilter = value.includes('@') ? { email: value } : { userName: value };
      const page = await client.listUsers({ filter, count: 2 }, requestOptions);
      return exactlyOneUser(value, page);
    },
    async getUser(id, requestOptions = {}) {
      const { data, etag } = await http.read(userPath(id), 'read this user', scimUserSchema, requestOptions);
      return { resource: data!, etag };
    },
    async createUser(input, requestOptions = {}) {
      const { data, etag } = await http.call(
        'POST',
        '/Users',
        `create the user ${input.userName}`,
        scimUserSchema,
        // The teams extension is documented for Multi-tenant (API.md §3): sent only with teams.
        input.teams.length > 0
          ? {
              schemas: [SCIM_USER_SCHEMA, SCIM_TEAMS_EXTENSION],
              userName: input.userName,
              emails: [{ primary: true, value: input.email }],
              [SCIM_TEAMS_EXTENSION]: { teams: input.teams },
            }
          : {
              schemas: [SCIM_USER_SCHEMA],
              userName: input.userName,
              emails: [{ primary: true, value: input.email }],
            },
        requestOptions,
      );
      return { resource: data!, etag };
    },
    setOrgRole(id, role, requestOptions = {}) {
      return http.patchUser(
        id,
        [{ op: 'replace', path: 'organizationRole', value: role }],
        `change the org role to "${role}"`,
        requestOptions,
      );
    },
    setTeamRoles(id, teamRoles, requestOptions = {}) {
      return http.patchUser(
        id,
        [{ op: 'replace', path: 'teamRoles', value: teamRoles }],
        `change team roles (${teamRoles.map((t) => `${t.teamName}: ${t.roleName}`).join(', ')})`,
        requestOptions,
      );
    },
    setActive(id, active, requestOptions = {}) {
      return http.patchUser(
        id,
        [{ op: 'replace', path: 'active', value: active }],
        active ? 'reactivate this user' : 'deactivate this user',
        requestOptions,
      );
    },
    async deleteUser(id, requestOptions = {}) {
      await http.call(
        'DELETE',
        userPath(id),
        'remove this user from the organization',
        null,
        undefined,
        requestOptions,
      );
    },
    async listGroups(query = {}, requestOptions = {}) {
      const filter =
        query.displayName === undefined ? undefined : scimEqFilter('displayName', query.displayName);
      return http.readPage('/Groups', query, filter, 'list teams', groupList, requestOptions);
    },
    listAllGroups(requestOptions = {}) {
      return http.collectAll(
        'the SCIM team list',
        (startIndex, count) => client.listGroups({ startIndex, count }, requestOptions),
        requestOptions.pageSize ?? 500,
      );
    },
    addGroupMembers(groupId, userIds, requestOptions = {}) {
      return http.patchGroup(
        groupId,
        [{ op: 'add', path: 'members', value: userIds.map((value) => ({ value })) }],
        'add members to the team',
        requestOptions,
      );
    },
    removeGroupMember(groupId, userIdOrEmail, requestOptions = {}) {
      return http.patchGroup(
        groupId,
        [{ op: 'remove', path: `members[value eq "${userIdOrEmail.replace(/"/g, '')}"]` }],
        'remove a member from the team',
        requestOptions,
      );
    },
    async listRoles(requestOptions = {}) {
      const all: ScimRole[] = [];
      const counter = pageCounter('the SCIM role list', options.pageLimits);
      let startIndex = 1;
      for (;;) {
        counter.beforePage();
        const { data } = await http.read(
          `/Roles${pageQuery(startIndex, 500)}`,
          'list custom roles',
          roleList,
          requestOptions,
        );
        counter.add(data!.Resources.length);
        all.push(...data!.Resources);
        startIndex += data!.Resources.length;
        if (data!.Resources.length === 0 || all.length >= data!.totalResults) return all;
      }
    },
  };
  return client;
}
