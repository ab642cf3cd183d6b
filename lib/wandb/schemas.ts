/**
 * zod schemas for the `data` of every operation in `operations.ts`. Nullability follows API.md:
 * where the SDK's generated models say a field is non-null ([SDK], [SDL]) the schema insists;
 * where a field is nullable or only third-party-observed ([3P]) it accepts null or absence and
 * yields null. Unknown extra fields are ignored (zod objects strip them).
 */
import { z } from 'zod';

/** A string that may be null or absent; parses to `string | null`. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** A boolean that may be null or absent; parses to `boolean | null`. */
const optionalFlag = z
  .boolean()
  .nullish()
  .transform((value) => value ?? null);

/** A count that may be null or absent; parses to `number | null`. */
const optionalCount = z
  .number()
  .nullish()
  .transform((value) => value ?? null);

/** A Relay-style list of `{ id, name }` nodes; parses to the nodes, dropping null edges and nodes, or `[]` when absent. */
const namedNodeConnection = z
  .object({
    edges: z
      .array(z.object({ node: z.object({ id: optionalText, name: z.string() }).nullish() }).nullish())
      .nullish(),
  })
  .nullish()
  .transform((connection) =>
    (connection?.edges ?? []).flatMap((edge) =>
      edge?.node ? [{ id: edge.node.id, name: edge.node.name }] : [],
    ),
  );

/** `VIEWER_QUERY` data; `viewer` is null when nobody is signed in. [SDL User: id ID!, username String, email String] */
export const viewerDataSchema = z.object({
  viewer: z
    .object({
      id: z.string(),
      username: optionalText,
      email: optionalText,
      teams: namedNodeConnection,
    })
    .nullable(),
});
/** Parsed `VIEWER_QUERY` data; `viewer` null when not signed in, `teams` `[]` when the server lists none. */
export type ViewerData = z.infer<typeof viewerDataSchema>;

/** One member row of the org query; every field but the row itself may be null ([3P]). */
const orgMemberSchema = z.object({
  id: optionalText,
  username: optionalText,
  name: optionalText,
  email: optionalText,
  admin: optionalFlag,
  role: optionalText,
  modelsSeat: optionalText,
  weaveRole: optionalText,
  user: z
    .object({ id: optionalText, loggedInAt: optionalText, deletedAt: optionalText })
    .nullish()
    .transform((user) => user ?? null),
  teams: namedNodeConnection,
});
/** One parsed org member; fields the server left out are null, `teams` `[]`. */
export type OrgMemberData = z.infer<typeof orgMemberSchema>;

/** One pending invite of the org query ([3P]); fields the server left out are null. */
const orgPendingInviteSchema = z.object({
  id: optionalText,
  email: optionalText,
  entity: z
    .object({ id: optionalText, name: z.string() })
    .nullish()
    .transform((entity) => entity ?? null),
  role: optionalText,
  createdAt: optionalText,
});
/** One parsed org pending invite; `entity` null when the invite names no team. */
export type OrgPendingInviteData = z.infer<typeof orgPendingInviteSchema>;

/** `ORG_DIRECTORY_QUERY` data; `organization` null when there is no such org or the viewer cannot see it. */
export const orgDirectoryDataSchema = z.object({
  organization: z
    .object({
      id: z.string(),
      name: z.string(),
      usedSeats: optionalCount,
      usedViewOnlySeats: optionalCount,
      seatAvailability: z
        .object({ seats: optionalCount, viewOnlySeats: optionalCount })
        .nullish()
        .transform((availability) => availability ?? null),
      teams: z
        .array(z.object({ id: optionalText, name: z.string(), memberCount: optionalCount }))
        .nullish()
        .transform((teams) => teams ?? []),
      members: z
        .array(orgMemberSchema)
        .nullish()
        .transform((members) => members ?? []),
      pendingInvites: z
        .array(orgPendingInviteSchema)
        .nullish()
        .transform((invites) => invites ?? []),
    })
    .nullable(),
});
/** Parsed `ORG_DIRECTORY_QUERY` data; lists the server left out are `[]`, counts null. */
export type OrgDirectoryData = z.infer<typeof orgDirectoryDataSchema>;

/** `ORG_LOOKUP_QUERY` data; `organization` null when no org has that name (or the viewer cannot see it). [SDL] */
export const orgLookupDataSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
});
/** Parsed `ORG_LOOKUP_QUERY` data; `organization` null when not found. */
export type OrgLookupData = z.infer<typeof orgLookupDataSchema>;

/** One row of `entity.members`. [SDK generated: id String, name String!, everything else nullable] */
const teamMemberSchema = z.object({
  id: optionalText,
  admin: optionalFlag,
  pending: optionalFlag,
  email: optionalText,
  username: optionalText,
  name: z.string(),
  accountType: optionalText,
  role: optionalText,
});
/** One parsed team member row; nullable fields the server left out are null. */
export type TeamMemberData = z.infer<typeof teamMemberSchema>;

/** `TEAM_MEMBERS_QUERY` data; `entity` null when no entity has that name or the viewer cannot see it. */
export const teamMembersDataSchema = z.object({
  entity: z
    .object({
      id: z.string(),
      name: z.string(),
      isTeam: z.boolean(),
      organization: z
        .object({ id: optionalText, name: z.string() })
        .nullish()
        .transform((organization) => organization ?? null),
      members: z.array(teamMemberSchema),
    })
    .nullable(),
});
/** Parsed `TEAM_MEMBERS_QUERY` data; `entity` null when not visible, `organization` null for a team outside any org. */
export type TeamMembersData = z.infer<typeof teamMembersDataSchema>;

/** `CREATE_INVITE_MUTATION` data; `result` or `invite` null when the server created nothing it reports. */
export const createInviteDataSchema = z.object({
  result: z
    .object({
      invite: z
        .object({
          id: z.string(),
          name: optionalText,
          email: optionalText,
          createdAt: optionalText,
          toUser: z
            .object({ name: optionalText })
            .nullish()
            .transform((user) => user ?? null),
        })
        .nullable(),
    })
    .nullable(),
});
/** Parsed `CREATE_INVITE_MUTATION` data; `result`/`invite` null when the server reports no invite. */
export type CreateInviteData = z.infer<typeof createInviteDataSchema>;

/** `DELETE_INVITE_MUTATION` data; `success` null when the server does not say. [SDK: success Boolean] */
export const deleteInviteDataSchema = z.object({
  result: z.object({ success: optionalFlag }).nullable(),
});
/** Parsed `DELETE_INVITE_MUTATION` data; `result` null or `success` null when the server does not confirm. */
export type DeleteInviteData = z.infer<typeof deleteInviteDataSchema>;

/** `PageInfo` as the paged reads select it. [SDL: hasNextPage Boolean!, endCursor String] */
const pageInfoSchema = z.object({ endCursor: optionalText, hasNextPage: z.boolean() });

/**
 * `TEAM_PROJECTS_QUERY` data; `projects` null when the entity does not exist or the viewer
 * cannot see it. Null edges and nodes are dropped. [SDL: edges [ProjectEdge!]!, node Project,
 * Project.id ID!, Project.name String!]
 */
export const teamProjectsDataSchema = z.object({
  projects: z
    .object({
      edges: z
        .array(z.object({ node: z.object({ id: z.string(), name: z.string() }).nullish() }))
        .transform((edges) => edges.flatMap((edge) => (edge.node ? [edge.node] : []))),
      pageInfo: pageInfoSchema,
    })
    .nullable(),
});
/** Parsed `TEAM_PROJECTS_QUERY` data; `projects.edges` is the list of `{ id, name }` nodes. */
export type TeamProjectsData = z.infer<typeof teamProjectsDataSchema>;

/** One run of `PROJECT_RUNS_QUERY`. [SDL Run: name String!, createdAt DateTime!, heartbeatAt DateTime, user User; User.name String!, username String] */
const projectRunSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  heartbeatAt: optionalText,
  user: z
    .object({ name: optionalText, username: optionalText })
    .nullish()
    .transform((user) => user ?? null),
});
/** One parsed run; `heartbeatAt` null when the run never sent one, `user` null when W&B names no author. */
export type ProjectRunData = z.infer<typeof projectRunSchema>;

/**
 * `PROJECT_RUNS_QUERY` data; `project` null when there is no such project or the viewer cannot
 * see it, `runs` null when the server gives none. [SDL: Project.runs RunConnection, edges
 * [RunEdge!]!, RunEdge.node Run!]
 */
export const projectRunsDataSchema = z.object({
  project: z
    .object({
      runs: z
        .object({
          edges: z
            .array(z.object({ node: projectRunSchema, cursor: optionalText }))
            .transform((edges) => edges.map((edge) => edge.node)),
          pageInfo: pageInfoSchema,
        })
        .nullish()
        .transform((runs) => runs ?? null),
    })
    .nullable(),
});
/** Parsed `PROJECT_RUNS_QUERY` data; `project.runs.edges` is the list of runs. */
export type ProjectRunsData = z.infer<typeof projectRunsDataSchema>;

/** `KEY_OWNER_QUERY`: the key's owner, or `viewer: null` when W&B does not know the key. */
export const keyOwnerDataSchema = z.object({
  viewer: z
    .object({
      id: z.string(),
      username: optionalText,
      email: optionalText,
      admin: optionalFlag,
      teams: z
        .object({
          edges: z
            .array(
              z
                .object({
                  node: z
                    .object({ name: z.string(), organization: z.object({ name: z.string() }).nullish() })
                    .nullish(),
                })
                .nullish(),
            )
            .nullish(),
        })
        .nullish(),
    })
    .nullable(),
});

/** `USER_API_KEYS_QUERY` data; null users or edges are dropped. [SDK ApiKey: id ID!, name String!] */
export const userApiKeysDataSchema = z.object({
  users: z
    .object({
      edges: z.array(
        z.object({
          node: z
            .object({
              id: z.string(),
              username: optionalText,
              apiKeys: namedNodeConnection,
            })
            .nullish(),
        }),
      ),
    })
    .nullish()
    .transform((users) => (users?.edges ?? []).flatMap((edge) => (edge.node ? [edge.node] : []))),
});
/** Parsed `USER_API_KEYS_QUERY` data: the matching users with their keys' `{ id, name }`. */
export type UserApiKeysData = z.infer<typeof userApiKeysDataSchema>;
