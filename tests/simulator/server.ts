/**
 * The simulator's HTTPS server: one loopback port, routed on the Host header.
 *   wandb.ai      → the simulated web app (pages, /__sim/login, /__sim/page-data, /__sim/ui/*)
 *   api.wandb.ai  → /graphql, /scim/…, /__sim/{requests,state,config,api-keys,invites}
 *   extraHosts    → a self-managed instance: both of the above on one host
 * HTTP/2 with HTTP/1.1 fallback, so a browser can multiplex many concurrent API calls.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { Socket } from 'node:net';
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { generate } from 'selfsigned';
import { appShell, loginPage, pageData } from './app';
import { AUDIT_LOG_PATHS, type AuditDeployment, handleAuditLogs } from './audit-logs';
import { describeAuth, type KeyAuth, parseAuthorization, resolveKey } from './auth';
import {
  DEFAULT_CONFIG,
  type Fault,
  FaultEngine,
  issueMessages,
  parseConfigPatch,
  type SimConfig,
} from './faults';
import { type Gate, type GateSpec, Gates, gateSpecSchema } from './gates';
import { type GenerateOptions, generateOrg } from './generate';
import { createHostile, type Hostile } from './hostile';
import { fullSchema, type GqlContext, rootValue, schemaWithout, strictSchema } from './schema';
import { authenticateScim, handleScim, type ScimResponse, scimError } from './scim';
import { DEFAULT_SEED_PATH, loadSeedFile, type Seed } from './seed';
import { type MemberRec, OrgState, SimError } from './state';

export const APP_HOST = 'wandb.ai';
export const API_HOST = 'api.wandb.ai';
export const SESSION_COOKIE = 'wandb';

/** Options; fault settings (latencyMs, strictVerified, …) may be given at top level or under `config`. */
export interface SimulatorOptions extends Partial<SimConfig> {
  /** The organization to serve. Default: seeds/acme.json. */
  seed?: Seed;
  /** A seed file to load (used when `seed` is absent). */
  seedPath?: string;
  /** Generate the organization instead (used when `seed` and `seedPath` are absent). */
  generate?: GenerateOptions;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  listenHost?: string;
  /** Extra host names served as a self-managed W&B instance (app and API on one host). */
  extraHosts?: string[];
  /** Initial fault settings. */
  config?: Partial<SimConfig>;
  /**
   * The TLS certificate to serve (default: a new one for wandb.ai, its subdomains and `extraHosts`).
   * A browser started once for many simulators trusts one certificate by its key: they share it.
   */
  certificate?: SimCertificate;
}

/** A server certificate and key (PEM) and its key's pin for --ignore-certificate-errors-spki-list. */
export interface SimCertificate {
  key: string;
  cert: string;
  spki: string;
}

export type { SimConfig } from './faults';
export type { Gate, GateSpec } from './gates';
export { type GenerateOptions, generateOrg, parseGenerateSpec } from './generate';

const CONFIG_KEYS = Object.keys(DEFAULT_CONFIG) as (keyof SimConfig)[];

/** The seed an options object asks for: explicit seed, then seedPath, then generate, then acme. */
export function seedFromOptions(options: Pick<SimulatorOptions, 'seed' | 'seedPath' | 'generate'>): Seed {
  if (options.seed) return options.seed;
  if (options.seedPath) return loadSeedFile(options.seedPath);
  if (options.generate) return generateOrg(options.generate);
  return loadSeedFile(DEFAULT_SEED_PATH);
}

export type RequestKind = 'graphql' | 'scim' | 'audit-logs' | 'page' | 'sim' | 'ui';

export interface RequestLogEntry {
  seq: number;
  at: string;
  host: string;
  method: string;
  path: string;
  /** The query string, with its leading `?`, or ''. */
  search: string;
  httpVersion: string;
  kind: RequestKind;
  operationName: string | null;
  variables: unknown;
  /** JSON body of SCIM, UI and /__sim requests (never of /graphql: see `variables`). */
  body: unknown;
  status: number | null;
  fault: Fault | null;
  sessionUser: string | null;
  hadCookie: boolean;
  xOrigin: string | null;
  origin: string | null;
  userAgent: string | null;
  auth: { scheme: 'basic' | 'bearer'; keyName: string | null; owner: string | null } | null;
  /** API requests only: how many other API requests were in flight (arrived, not yet answered) when this one arrived. */
  concurrent?: number;
  /** For writes (GraphQL mutations, SCIM POST/PATCH/PUT/DELETE, UI actions). */
  result?: 'ok' | 'error';
  error?: string;
}

export interface Simulator {
  port: number;
  /** base64(sha256(DER SubjectPublicKeyInfo)) for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** The seed's admin username. */
  admin: string;
  /** The organization's name. */
  org: string;
  /** PEM of the server certificate. */
  cert: string;
  extraHosts: string[];
  state: OrgState;
  close(): Promise<void>;
  setConfig(partial: Partial<SimConfig>): SimConfig;
  getConfig(): SimConfig;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Holds the next matching API requests until the test releases them (see ./gates.ts). */
  hold(spec: GateSpec): Gate;
  /** Every API key with its derived secret (test helper). */
  apiKeys(): { owner: string; name: string; secret: string }[];
  /** Creates a session as /__sim/login would and returns its cookie value. */
  createSession(username: string): string;
  /** Hostile-server modes (endless cursors, huge bodies) for the extension's limits; off by default. */
  hostile: Hostile;
}

type Req = Http2ServerRequest | IncomingMessage;
type Res = Http2ServerResponse | ServerResponse;
interface Writable {
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  end(body?: string | Buffer): unknown;
  headersSent: boolean;
}

interface Answer {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}

const MAX_BODY = 10 * 1024 * 1024;
/** The request log keeps the newest entries only; `seq` keeps counting. */
const MAX_LOG = 200_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function json(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

function html(status: number, body: string, headers: OutgoingHttpHeaders = {}): Answer {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

function scimAnswer(r: ScimResponse): Answer {
  if (r.body === undefined) return { status: r.status, headers: r.headers ?? {} };
  return {
    status: r.status,
    headers: { 'content-type': 'application/scim+json; charset=utf-8', ...(r.headers ?? {}) },
    body: JSON.stringify(r.body),
  };
}

function header(req: Req, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function hostOf(req: Req): string {
  const raw = header(req, ':authority') ?? header(req, 'host') ?? '';
  const withoutPort = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : raw.replace(/:\d+$/, '');
  return withoutPort.toLowerCase();
}

function cookies(req: Req): Map<string, string> {
  const out = new Map<string, string>();
  const raw = req.headers.cookie;
  const text = Array.isArray(raw) ? raw.join('; ') : (raw ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

async function readBody(req: Req): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SimError('request body too large', 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Fills operationName and variables from a GraphQL body, before anything can fail. */
function noteGraphqlRequest(entry: RequestLogEntry, text: string): void {
  const body = parseJsonBody(text);
  if (!body.ok || typeof body.value !== 'object' || body.value === null) return;
  const { query, variables, operationName } = body.value as {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
  };
  entry.variables = variables ?? null;
  if (typeof operationName === 'string') entry.operationName = operationName;
  else if (typeof query === 'string') {
    try {
      entry.operationName = operationOf(parse(query), null)?.name?.value ?? null;
    } catch {
      entry.operationName = null;
    }
  }
}

function operationOf(doc: DocumentNode, name: string | null): OperationDefinitionNode | undefined {
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return name ? ops.find((o) => o.name?.value === name) : ops[0];
}

/** A local path to go to after login; anything else (other hosts, `//x`) falls back to the default. */
function safeNext(next: string | null, fallback: string): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

export async function makeCertificate(hosts: string[] = []): Promise<SimCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: APP_HOST }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 30 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: APP_HOST },
          { type: 2, value: `*.${APP_HOST}` },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          ...hosts.map((h) =>
            /^[\d.]+$/.test(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h },
          ),
        ],
      },
    ],
  });
  const der = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
  return { key: pems.private, cert: pems.cert, spki: createHash('sha256').update(der).digest('base64') };
}

/** Starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = new OrgState(seedFromOptions(options));
  const extraHosts = (options.extraHosts ?? []).map((h) => h.toLowerCase());
  const initial: Partial<SimConfig> = { ...options.config };
  for (const key of CONFIG_KEYS)
    if (options[key] !== undefined) Object.assign(initial, { [key]: options[key] });
  const parsedInitial = parseConfigPatch(initial);
  if (!parsedInitial.ok) throw new Error(`invalid simulator config: ${parsedInitial.errors.join('; ')}`);
  const faults = new FaultEngine(parsedInitial.patch);
  const hostile = createHostile();
  const tls = options.certificate ?? (await makeCertificate(extraHosts));

  const log: RequestLogEntry[] = [];
  let seq = 0;
  const gates = new Gates();
  /** API requests that have arrived and are not answered (or dropped) yet. */
  let apiInFlight = 0;
  const sessions = new Map<string, { username: string; expired: boolean }>();
  let sessionRequests = 0;

  const createSession = (username: string): string => {
    const token = randomBytes(24).toString('hex');
    sessions.set(token, { username, expired: false });
    sessionRequests = 0;
    return token;
  };

  const hostRole = (host: string): 'app' | 'api' | 'both' | null =>
    host === APP_HOST ? 'app' : host === API_HOST ? 'api' : extraHosts.includes(host) ? 'both' : null;

  /** The session behind the request's cookie, if any, and whether it still stands. */
  const sessionOf = (req: Req) => {
    const token = cookies(req).get(SESSION_COOKIE);
    if (token === undefined) return { hadCookie: false as const };
    const session = sessions.get(token);
    const member = session ? state.member(session.username) : undefined;
    const valid = !!session && !session.expired && member?.status === 'active';
    return {
      hadCookie: true as const,
      token,
      session,
      member: valid ? member : undefined,
      expired: !!session?.expired,
    };
  };

  // Parsed and validated documents are cached by their text, as GraphQL servers commonly do: a
  // client sends the same few documents over and over, and re-validating each one would make the
  // simulator, not the network, the bottleneck in load measurements.
  const parsedDocuments = new Map<string, DocumentNode>();
  const parseCached = (query: string): DocumentNode => {
    let doc = parsedDocuments.get(query);
    if (!doc) {
      doc = parse(query);
      if (parsedDocuments.size < 500) parsedDocuments.set(query, doc);
    }
    return doc;
  };
  const validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>();
  const validateCached = (schema: GraphQLSchema, doc: DocumentNode): readonly GraphQLError[] => {
    let bySchema = validations.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      validations.set(schema, bySchema);
    }
    let errors = bySchema.get(doc);
    if (!errors) {
      errors = validate(schema, doc);
      bySchema.set(doc, errors);
    }
    return errors;
  };

  // ---- /graphql ---------------------------------------------------------------------------

  const corsHeaders = (req: Req): OutgoingHttpHeaders => {
    // the wandb.ai app calls api.wandb.ai with credentials; extension origins get no CORS grant
    // here because whether the real API grants them is UNVERIFIED (API.md §1)
    const origin = header(req, 'origin');
    const allowed = [`https://${APP_HOST}`, ...extraHosts.map((h) => `https://${h}`)];
    return origin && allowed.includes(origin)
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : {};
  };

  const handleGraphql = async (req: Req, entry: RequestLogEntry, text: string): Promise<Answer> => {
    const cors = corsHeaders(req);
    const gqlError = (status: number, message: string) => json(status, { errors: [{ message }] }, cors);

    const body = parseJsonBody(text);
    if (!body.ok || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return gqlError(400, 'expected a JSON body {query, variables, operationName}');
    }
    const { query, variables, operationName } = body.value as {
      query?: unknown;
      variables?: unknown;
      operationName?: unknown;
    };
    entry.variables = variables ?? null;
    const opName = typeof operationName === 'string' ? operationName : null;
    entry.operationName = opName;
    if (typeof query !== 'string') return gqlError(400, 'query must be a string');
    let doc: DocumentNode;
    try {
      doc = parseCached(query);
    } catch (error) {
      return json(
        400,
        {
          errors: [
            { message: (error as GraphQLError).message, locations: (error as GraphQLError).locations },
          ],
        },
        cors,
      );
    }
    const op = operationOf(doc, opName);
    entry.operationName = opName ?? op?.name?.value ?? null;

    let caller: MemberRec | null = null;
    const parsedAuth = parseAuthorization(header(req, 'authorization'));
    if (parsedAuth !== null) {
      const auth = parsedAuth === 'malformed' ? null : resolveKey(state, parsedAuth);
      entry.auth = auth ? describeAuth(auth) : { scheme: 'basic', keyName: null, owner: null };
      // not documented: the real server's answer to a bad key; 401 with a GraphQL-style error body
      if (!auth?.owner) return gqlError(401, 'invalid API key');
      caller = auth.owner;
    } else {
      const s = sessionOf(req);
      if (s.hadCookie) {
        if (!s.member) {
          if (s.expired) entry.fault = 'session-expired';
          return gqlError(401, 'relogin required');
        }
        const limit = faults.config.expireSessionAfter;
        if (limit !== null) {
          if (sessionRequests >= limit) {
            for (const session of sessions.values()) session.expired = true;
            sessionRequests = 0;
            entry.fault = 'session-expired';
            entry.sessionUser = null;
            return gqlError(401, 'relogin required');
          }
          sessionRequests++;
        }
        caller = s.member;
        entry.sessionUser = s.member.username;
      }
    }

    const schema = faults.config.strictVerified
      ? strictSchema
      : faults.config.rejectField
        ? schemaWithout(faults.config.rejectField)
        : fullSchema;
    const validationErrors = validateCached(schema, doc);
    if (validationErrors.length > 0) {
      if (op?.operation === 'mutation') {
        entry.result = 'error';
        entry.error = validationErrors[0]!.message;
      }
      return json(400, { errors: validationErrors.map((e) => e.toJSON()) }, cors);
    }
    const context: GqlContext = { state, caller };
    const result = await execute({
      schema,
      document: doc,
      rootValue,
      contextValue: context,
      variableValues: (variables as Record<string, unknown> | null | undefined) ?? undefined,
      operationName: opName ?? undefined,
    });
    if (op?.operation === 'mutation') {
      entry.result = result.errors?.length ? 'error' : 'ok';
      if (result.errors?.length) entry.error = result.errors[0]!.message;
    }
    return json(200, result, cors);
  };

  // ---- /scim --------------------------------------------------------------------------------

  const handleScimRequest = (req: Req, entry: RequestLogEntry, url: URL, text: string): Answer => {
    // A host that serves SCIM under /scim/v2/ only (API.md §3 cannot say which prefix is real).
    if (faults.config.scimPaths === 'v2-only' && !url.pathname.startsWith('/scim/v2/'))
      return json(404, { errors: [{ message: `not found: ${url.pathname}` }] });
    const parsedAuth = parseAuthorization(header(req, 'authorization'));
    const auth: KeyAuth | null | 'malformed' =
      parsedAuth === null || parsedAuth === 'malformed' ? parsedAuth : resolveKey(state, parsedAuth);
    entry.auth =
      auth === null
        ? null
        : auth === 'malformed'
          ? { scheme: 'basic', keyName: null, owner: null }
          : describeAuth(auth);
    const caller = authenticateScim(state, auth);
    if (!('username' in caller)) return scimAnswer(caller);
    const body = parseJsonBody(text);
    if (!body.ok) return scimAnswer(scimError(400, 'invalid JSON body', 'invalidSyntax'));
    entry.body = body.value ?? null;
    const path = url.pathname.replace(/^\/scim(\/v2)?/, '');
    const response = handleScim(state, {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      ifMatch: header(req, 'if-match'),
      body: body.value,
      caller,
    });
    if (req.method !== 'GET') {
      entry.result = response.status < 400 ? 'ok' : 'error';
      if (response.status >= 400)
        entry.error = (response.body as { detail?: string } | undefined)?.detail ?? String(response.status);
    }
    return scimAnswer(response);
  };

  // ---- /audit_logs (multi-tenant), /admin/audit_logs (dedicated and self-managed) ------------

  /** Which audit-log endpoint, if any, a host serves at `path` (API.md §4). */
  const auditDeployment = (host: string, path: string): AuditDeployment | null =>
    host === API_HOST && path === AUDIT_LOG_PATHS['multi-tenant']
      ? 'multi-tenant'
      : extraHosts.includes(host) && path === AUDIT_LOG_PATHS.dedicated
        ? 'dedicated'
        : null;

  const handleAuditLogsRequest = (req: Req, entry: RequestLogEntry, url: URL): Answer => {
    const parsedAuth = parseAuthorization(header(req, 'authorization'));
    const auth: KeyAuth | null | 'malformed' =
      parsedAuth === null || parsedAuth === 'malformed' ? parsedAuth : resolveKey(state, parsedAuth);
    entry.auth =
      auth === null
        ? null
        : auth === 'malformed'
          ? { scheme: 'basic', keyName: null, owner: null }
          : describeAuth(auth);
    const answer = handleAuditLogs(state.auditTrail, {
      deployment: auditDeployment(entry.host, url.pathname) ?? 'multi-tenant',
      method: req.method ?? 'GET',
      query: url.searchParams,
      auth,
      isOrgAdmin: (owner) => state.isOrgAdmin(owner),
    });
    return { status: answer.status, headers: { 'content-type': answer.contentType }, body: answer.body };
  };

  // ---- /__sim -------------------------------------------------------------------------------

  /**
   * /__sim/gates: GET lists the gates; POST {operation?, method?, pathPrefix?, count, phase?} adds
   * one; POST /__sim/gates/<id>/release {count?} lets held requests go on; POST
   * /__sim/gates/<id>/open releases all and stops capturing.
   */
  const handleGates = (method: string, path: string, text: string, entry: RequestLogEntry): Answer => {
    if (path === '/__sim/gates' && method === 'GET') return json(200, gates.list());
    const body = parseJsonBody(text || '{}');
    if (!body.ok) return json(400, { error: 'invalid JSON body' });
    entry.body = body.value ?? null;
    if (path === '/__sim/gates' && method === 'POST') {
      const spec = gateSpecSchema.safeParse(body.value);
      if (!spec.success) return json(400, { error: issueMessages(spec.error, 'gate') });
      const gate = gates.add(spec.data);
      return json(200, { id: gate.id, ...gate.spec, captured: 0, held: 0, abandoned: 0 });
    }
    const action = /^\/__sim\/gates\/(\d+)\/(release|open)$/.exec(path);
    const gate = action ? gates.get(Number(action[1])) : undefined;
    if (!action || method !== 'POST') return json(404, { error: `no simulator endpoint ${method} ${path}` });
    if (!gate) return json(404, { error: `no gate ${action[1]}` });
    if (action[2] === 'open') {
      gate.open();
      return json(200, { id: gate.id, released: 'all' });
    }
    const count = (body.value as { count?: unknown }).count;
    if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0))
      return json(400, { error: 'count: expected a whole number ≥ 0' });
    return json(200, { id: gate.id, released: gate.release(count as number | undefined) });
  };

  const handleSim = (
    req: Req,
    entry: RequestLogEntry,
    url: URL,
    role: 'app' | 'api' | 'both',
    text: string,
  ): Answer | null => {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const api = role !== 'app';
    const app = role !== 'api';
    const host = hostOf(req);
    const cookieDomain = host === APP_HOST ? `; Domain=.${APP_HOST}` : '';

    if (api && path === '/__sim/requests') {
      if (method === 'DELETE') {
        log.length = 0;
        return { status: 204 };
      }
      const since = Number(url.searchParams.get('since') ?? '0');
      return json(
        200,
        log.filter((e) => e.seq > since),
      );
    }
    if (api && path === '/__sim/state' && method === 'GET') return json(200, state.toSeed());
    if (api && path === '/__sim/api-keys' && method === 'GET') {
      return json(
        200,
        state.apiKeys.map((k) => ({ owner: k.owner, name: k.name, secret: k.secret })),
      );
    }
    if (api && path === '/__sim/config') {
      if (method === 'GET') return json(200, faults.config);
      if (method !== 'POST') return json(405, { error: 'use GET or POST' });
      const body = parseJsonBody(text);
      if (!body.ok) return json(400, { error: 'invalid JSON body' });
      entry.body = body.value ?? null;
      const patch = parseConfigPatch(body.value ?? {});
      if (!patch.ok) return json(400, { error: patch.errors.join('; '), errors: patch.errors });
      if (patch.patch.expireSessionAfter !== undefined) sessionRequests = 0;
      return json(200, faults.update(patch.patch));
    }
    if (api && path.startsWith('/__sim/gates')) return handleGates(method, path, text, entry);
    const accept = /^\/__sim\/invites\/([^/]+)\/accept$/.exec(path);
    if (api && accept && method === 'POST') {
      try {
        const result = state.acceptInvite(decodeURIComponent(accept[1]!));
        entry.result = 'ok';
        return json(200, result);
      } catch (error) {
        if (!(error instanceof SimError)) throw error;
        entry.result = 'error';
        entry.error = error.message;
        return json(error.status, { error: error.message });
      }
    }

    if (app && path === '/__sim/login' && method === 'GET') {
      const user = url.searchParams.get('user');
      const next = safeNext(url.searchParams.get('next'), `/account-settings/${state.org.name}/members`);
      if (!user) return html(200, loginPage(next));
      const member = state.member(user);
      if (!member)
        return html(400, loginPage(next, `Unknown user "${user}": no such member of ${state.org.name}.`));
      // not documented: deactivated members and service accounts cannot sign in to the web app
      if (member.status !== 'active') return html(400, loginPage(next, `User "${user}" is deactivated.`));
      if (member.accountType === 'service')
        return html(400, loginPage(next, `"${user}" is a service account and cannot sign in.`));
      const token = createSession(member.username);
      entry.sessionUser = member.username;
      return {
        status: 302,
        headers: {
          location: next,
          'set-cookie': `${SESSION_COOKIE}=${token}${cookieDomain}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        },
      };
    }
    if (app && path === '/__sim/logout' && method === 'GET') {
      const token = cookies(req).get(SESSION_COOKIE);
      if (token) sessions.delete(token);
      return {
        status: 302,
        headers: {
          location: safeNext(url.searchParams.get('next'), '/home'),
          'set-cookie': `${SESSION_COOKIE}=${cookieDomain}; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax`,
        },
      };
    }
    if (app && path === '/__sim/page-data' && method === 'GET') {
      const s = sessionOf(req);
      entry.sessionUser = s.hadCookie ? (s.member?.username ?? null) : null;
      return json(
        200,
        pageData(
          state,
          s.hadCookie ? (s.member ?? null) : null,
          url.searchParams.get('path') ?? '/',
          url.searchParams.get('q') ?? '',
        ),
      );
    }
    if (app && path.startsWith('/__sim/ui/')) {
      entry.kind = 'ui';
      const fail = (status: number, message: string) => {
        entry.result = 'error';
        entry.error = message;
        return json(status, { error: message });
      };
      if (method !== 'POST') return fail(405, 'use POST');
      const origin = header(req, 'origin');
      if (origin && origin !== `https://${host}`) return fail(403, 'cross-origin request refused');
      const s = sessionOf(req);
      const caller = s.hadCookie ? s.member : undefined;
      if (!caller) return fail(401, 'sign in first');
      entry.sessionUser = caller.username;
      const body = parseJsonBody(text);
      if (!body.ok || typeof body.value !== 'object' || body.value === null)
        return fail(400, 'expected a JSON object');
      entry.body = body.value;
      const input = body.value as Record<string, unknown>;
      try {
        if (path === '/__sim/ui/invite') {
          const who = typeof input.email === 'string' ? input.email.trim() : '';
          const team = typeof input.team === 'string' ? input.team : '';
          const teamRole = typeof input.role === 'string' ? input.role : 'member';
          const invite = state.createInvite(caller, {
            entityName: team,
            ...(who.includes('@') ? { email: who } : { username: who }),
            role: teamRole,
          });
          entry.result = 'ok';
          return json(200, {
            ok: true,
            invite: { id: invite.id, email: invite.email, team: invite.team, role: invite.role },
          });
        }
        if (path === '/__sim/ui/remove-member') {
          if (!state.isOrgAdmin(caller)) return fail(403, 'Only organization admins can remove members.');
          const username = typeof input.username === 'string' ? input.username : '';
          state.removeFromOrg(username, caller);
          entry.result = 'ok';
          return json(200, { ok: true });
        }
      } catch (error) {
        if (error instanceof SimError) return fail(error.status, error.message);
        throw error;
      }
      return json(404, { error: 'unknown action' });
    }
    return null;
  };

  // ---- dispatch -----------------------------------------------------------------------------

  const send = (res: Res, entry: RequestLogEntry, answer: Answer) => {
    const w = res as unknown as Writable;
    entry.status = answer.status;
    // A request held by a gate can outlive its client (a stopped service worker, a closed tab).
    const gone = 'stream' in res ? res.stream.destroyed || res.stream.closed : res.destroyed;
    if (w.headersSent || gone) return;
    w.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
    w.end(answer.body);
  };

  const drop = (req: Req, res: Res) => {
    if (req.httpVersionMajor === 2) {
      const stream = (res as Http2ServerResponse).stream;
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    } else req.socket.destroy();
  };

  const handle = async (req: Req, res: Res) => {
    const url = new URL(req.url ?? '/', 'https://sim.invalid');
    const host = hostOf(req);
    const path = url.pathname;
    const kind: RequestKind =
      path === '/graphql'
        ? 'graphql'
        : path.startsWith('/scim/')
          ? 'scim'
          : auditDeployment(host, path)
            ? 'audit-logs'
            : path.startsWith('/__sim/ui/')
              ? 'ui'
              : path.startsWith('/__sim/')
                ? 'sim'
                : 'page';
    const s = sessionOf(req);
    const entry: RequestLogEntry = {
      seq: ++seq,
      at: new Date().toISOString(),
      host,
      method: req.method ?? 'GET',
      path,
      search: url.search,
      httpVersion: req.httpVersion,
      kind,
      operationName: null,
      variables: null,
      body: null,
      status: null,
      fault: null,
      sessionUser: s.hadCookie ? (s.member?.username ?? null) : null,
      hadCookie: s.hadCookie,
      xOrigin: header(req, 'x-origin') ?? null,
      origin: header(req, 'origin') ?? null,
      userAgent: header(req, 'user-agent') ?? null,
      auth: null,
    };
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    try {
      await route(req, res, entry, url);
    } catch (error) {
      const answer =
        error instanceof SimError
          ? json(error.status, { error: error.message })
          : json(500, { error: String(error) });
      send(res, entry, answer);
    }
  };

  /** An API request (GraphQL or SCIM) after CORS: gates, faults, latency, then the answer. */
  const serveApi = async (req: Req, res: Res, entry: RequestLogEntry, url: URL, text: string) => {
    const { kind } = entry;
    const gated = {
      kind: kind as 'graphql' | 'scim' | 'audit-logs',
      method: entry.method,
      path: entry.path,
      operationName: entry.operationName,
    };
    const onClientGone = (callback: () => void) => {
      if ('stream' in res) res.stream.once('close', callback);
      else res.once('close', callback);
    };
    await gates.pass(gated, 'arrival', onClientGone);
    const decision = faults.decide();
    const { latencyMs, retryAfterSeconds } = faults.config;
    // Latency is the time from a request's arrival to its answer. The simulator's own work
    // happens within it, as a real (multi-threaded) server's would, so one request's
    // processing does not add to the latency of the others in flight.
    const respondAt = performance.now() + latencyMs;
    const waitForLatency = () => sleep(Math.max(0, respondAt - performance.now()));
    if (decision.fault === 'dropped') {
      await waitForLatency();
      entry.fault = 'dropped';
      return drop(req, res);
    }
    if (decision.fault) {
      await waitForLatency();
      entry.fault = decision.fault;
      const status = decision.status!;
      const message = status === 429 ? 'rate limit exceeded' : 'simulated server error';
      const headers: OutgoingHttpHeaders = status === 429 ? { 'retry-after': String(retryAfterSeconds) } : {};
      if (kind === 'scim') {
        const r = scimError(status, message);
        return send(res, entry, { ...scimAnswer(r), headers: { ...scimAnswer(r).headers, ...headers } });
      }
      return send(res, entry, json(status, { errors: [{ message }] }, { ...headers, ...corsHeaders(req) }));
    }
    if (kind === 'graphql') {
      if (req.method !== 'POST') {
        await waitForLatency();
        return send(res, entry, json(405, { errors: [{ message: 'use POST' }] }, { allow: 'POST' }));
      }
      const answer = await handleGraphql(req, entry, text);
      await gates.pass(gated, 'answer', onClientGone);
      await waitForLatency();
      return send(res, entry, hostile.apply(answer));
    }
    const answer =
      kind === 'audit-logs'
        ? handleAuditLogsRequest(req, entry, url)
        : handleScimRequest(req, entry, url, text);
    await gates.pass(gated, 'answer', onClientGone);
    await waitForLatency();
    return send(res, entry, hostile.apply(answer));
  };

  const route = async (req: Req, res: Res, entry: RequestLogEntry, url: URL) => {
    const { host, kind, path } = entry;
    const role = hostRole(host);
    if (!role) return send(res, entry, json(421, { error: `this server does not serve host "${host}"` }));
    const text = await readBody(req);
    const apiPath = kind === 'graphql' || kind === 'scim' || kind === 'audit-logs';

    if (kind === 'graphql') noteGraphqlRequest(entry, text);
    if (apiPath && role !== 'app') {
      if (kind === 'graphql' && req.method === 'OPTIONS') {
        return send(res, entry, {
          status: 204,
          headers: {
            ...corsHeaders(req),
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': 'content-type, x-origin, use-admin-privileges, authorization',
            'access-control-max-age': '600',
          },
        });
      }
      apiInFlight++;
      entry.concurrent = apiInFlight - 1;
      try {
        return await serveApi(req, res, entry, url, text);
      } finally {
        apiInFlight--;
      }
    }
    if (path.startsWith('/__sim/')) {
      const answer = handleSim(req, entry, url, role, text);
      return send(
        res,
        entry,
        answer ?? json(404, { error: `no simulator endpoint ${req.method} ${path} on ${host}` }),
      );
    }
    if (role === 'api') return send(res, entry, json(404, { errors: [{ message: `not found: ${path}` }] }));
    if (path === '/favicon.ico') return send(res, entry, { status: 404 });
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, entry, html(405, 'Method not allowed'));
    return send(res, entry, html(200, appShell()));
  };

  const server = http2.createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, (req, res) => {
    void handle(req, res);
  });

  const h2sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  server.on('session', (session: Http2Session) => {
    h2sessions.add(session);
    session.on('close', () => h2sessions.delete(session));
    session.on('error', () => {});
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.on('sessionError', () => {});
  server.on('tlsClientError', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.listenHost ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    spki: tls.spki,
    admin: state.admin,
    org: state.org.name,
    cert: tls.cert,
    extraHosts,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        gates.openAll();
        server.close(() => resolve());
        for (const session of h2sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
      }),
    setConfig: (partial) => {
      const parsed = parseConfigPatch(partial);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      if (parsed.patch.expireSessionAfter !== undefined) sessionRequests = 0;
      return faults.update(parsed.patch);
    },
    getConfig: () => faults.config,
    requests: () => [...log],
    clearRequests: () => {
      log.length = 0;
    },
    hold: (spec) => gates.add(spec),
    apiKeys: () => state.apiKeys.map((k) => ({ owner: k.owner, name: k.name, secret: k.secret })),
    createSession,
    hostile,
  };
}
