/**
 * Every GraphQL document the extension sends to W&B. Nothing else is ever sent: the background
 * never forwards a caller's query. Each field carries the source tag from
 * `shared/wandb-api/API.md` ([SDL], [SDK], [W&B-FE], [3P]); fields tagged [3P] may be rejected
 * by a real server, and the directory loader falls back when they are.
 */

/** The signed-in user and the teams they belong to. [SDK internal_api viewer; W&B-FE useViewerInfo] */
export const VIEWER_QUERY = /* GraphQL */ `
  query Viewer {
    viewer {
      id
      username
      email
      teams {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  }
`;

/**
 * The organization's whole member directory in one request, as the W&B web app reads it
 * (OrganizationSubscriptionInfo) — [3P] apart from `organization(name:)`, `id`, `name` [SDL]
 * and `user.deletedAt` [SDL].
 */
export const ORG_DIRECTORY_QUERY = /* GraphQL */ `
  query OrgDirectory($org: String!) {
    organization(name: $org) {
      id
      name
      usedSeats
      usedViewOnlySeats
      seatAvailability {
        seats
        viewOnlySeats
      }
      teams {
        id
        name
        memberCount
      }
      members {
        id
        username
        name
        email
        admin
        role
        modelsSeat
        weaveRole
        user {
          id
          loggedInAt
          deletedAt
        }
        teams {
          edges {
            node {
              id
              name
            }
          }
        }
      }
      pendingInvites {
        id
        email
        entity {
          id
          name
        }
        role
        createdAt
      }
    }
  }
`;

/** Whether a name is an organization (verified root field and fields). [SDK FetchOrganization] */
export const ORG_LOOKUP_QUERY = /* GraphQL */ `
  query OrgLookup($org: String!) {
    organization(name: $org) {
      id
      name
    }
  }
`;

/**
 * One team: its organization and its members with team roles; pending invites show as members
 * with `pending: true`. [SDK GetTeamEntity + registry_members `role`; SDL Entity.organization]
 */
export const TEAM_MEMBERS_QUERY = /* GraphQL */ `
  query TeamMembers($name: String!) {
    entity(name: $name) {
      id
      name
      isTeam
      organization {
        id
        name
      }
      members {
        id
        admin
        pending
        email
        username
        name
        accountType
        role
      }
    }
  }
`;

/** Invite a user (email or username) to a team, optionally as team admin. [SDK CreateInvite] */
export const CREATE_INVITE_MUTATION = /* GraphQL */ `
  mutation CreateInvite($entity: String!, $email: String, $username: String, $admin: Boolean) {
    result: createInvite(input: { entityName: $entity, email: $email, username: $username, admin: $admin }) {
      invite {
        id
        name
        email
        createdAt
        toUser {
          name
        }
      }
    }
  }
`;

/** Remove a team member or cancel a pending invite, by `members[].id`. [SDK DeleteInvite] */
export const DELETE_INVITE_MUTATION = /* GraphQL */ `
  mutation DeleteInvite($id: String, $entity: String) {
    result: deleteInvite(input: { id: $id, entityName: $entity }) {
      success
    }
  }
`;

/**
 * The projects of one entity (a team), a page at a time. [SDL] root `projects(entityName, order,
 * after, first): ProjectConnection`, `Project.id`/`name`, `ProjectEdge.node`, `PageInfo`. The
 * SDK lists projects through `models(entityName…)` (GetProjects) instead; this verified SDL field
 * was chosen because its name says what it returns. Variable names follow the SDK's paging.
 */
export const TEAM_PROJECTS_QUERY = /* GraphQL */ `
  query TeamProjects($entity: String!, $cursor: String, $perPage: Int = 100) {
    projects(entityName: $entity, after: $cursor, first: $perPage) {
      edges {
        node {
          id
          name
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

/**
 * The runs of one project in a chosen `order` (`-heartbeat_at`: most recent heartbeat first).
 * [SDK Runs, `wandb/apis/public/runs.py`]: the SDK's operation name, variables and
 * `project(name:, entityName:) { runs(filters:, after:, first:, order:) { edges { node … cursor }
 * pageInfo { endCursor hasNextPage } } }` text, with the selection cut down to the
 * LightweightRunFragment fields needed here ([SDL] Run.name, createdAt, heartbeatAt, user;
 * [SDK] user { name username }). `internalId`, `runCount`, `readOnly` and `projectId` are left
 * out. `$filters` is never sent: per-user filter keys are UNVERIFIED.
 */
export const PROJECT_RUNS_QUERY = /* GraphQL */ `
  query Runs(
    $project: String!
    $entity: String!
    $cursor: String
    $perPage: Int = 50
    $order: String
    $filters: JSONString
  ) {
    project(name: $project, entityName: $entity) {
      runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
        edges {
          node {
            name
            createdAt
            heartbeatAt
            user {
              name
              username
            }
          }
          cursor
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`;

/**
 * Whom an API key belongs to: W&B's documented check for an unknown key (API.md §5, support KB
 * "How can I rotate or revoke access?": `viewer { id username email admin }` with Basic
 * `api:<key>`), plus the owner's teams and their organization ([SDL] User.teams,
 * Entity.organization, Organization.name). Sent when the admin tests a key (Basic auth), and
 * with the session on a dedicated instance's admin pages, whose URLs name no organization, to
 * find the viewer's.
 */
export const KEY_OWNER_QUERY = /* GraphQL */ `
  query KeyOwner {
    viewer {
      id
      username
      email
      admin
      teams {
        edges {
          node {
            name
            organization {
              name
            }
          }
        }
      }
    }
  }
`;

/**
 * A user's API keys, by name only (never secrets). [SDK] SearchUsers `users(query:)` with the
 * UserFragment's `username` and `apiKeys { edges { node { ...ApiKeyFragment } } }` (`id name`).
 * The SDK documents that it "only works for local administrators": an org admin on multi-tenant
 * W&B is expected to be refused, and the offboarding checklist then says the keys cannot be read.
 * No "last used" field exists in any verified source.
 */
export const USER_API_KEYS_QUERY = /* GraphQL */ `
  query SearchUsers($query: String) {
    users(query: $query) {
      edges {
        node {
          id
          username
          apiKeys {
            edges {
              node {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`;

/**
 * The diagnostics report's probes (issue 15): each [3P] field group of `ORG_DIRECTORY_QUERY` asked
 * on its own, so a refusal names the group (and W&B's error, the exact field). Queries only —
 * tests/unit/diagnostics checks that every document here is a query.
 */
export const ORG_FIELD_PROBES: readonly { field: string; query: string }[] = (
  [
    ['UsedSeats', 'usedSeats', 'usedSeats'],
    ['UsedViewOnlySeats', 'usedViewOnlySeats', 'usedViewOnlySeats'],
    ['SeatAvailability', 'seatAvailability', 'seatAvailability { seats viewOnlySeats }'],
    ['Teams', 'teams', 'teams { id name memberCount }'],
    [
      'Members',
      'members',
      'members { id username name email admin role modelsSeat weaveRole user { id loggedInAt deletedAt } teams { edges { node { id name } } } }',
    ],
    ['PendingInvites', 'pendingInvites', 'pendingInvites { id email entity { id name } role createdAt }'],
  ] as const
).map(([name, field, selection]) => ({
  field: `Organization.${field}`,
  query: `query Probe${name}($org: String!) { organization(name: $org) { id ${selection} } }`,
}));

/**
 * Whether the server lists the invite and removal mutations, by introspection (GraphQL's own
 * `__type`), never by sending one. A server may refuse introspection: then "not known".
 */
export const MUTATION_FIELDS_QUERY = /* GraphQL */ `
  query MutationFields {
    __type(name: "Mutation") {
      fields {
        name
      }
    }
  }
`;
