/**
 * A small client for talking to a running simulator from Node (tests, the bench): requests go to
 * 127.0.0.1:<port> with the URL's host as Host/:authority and TLS server name, and the
 * self-signed certificate is accepted. Answers are real WHATWG `Response` objects.
 */
import http2 from 'node:http2';
import https from 'node:https';

export interface SimTarget {
  port: number;
}

export interface SimRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

function toResponse(
  status: number,
  headers: Record<string, string | string[] | number | undefined>,
  body: Buffer,
): Response {
  const h = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [String(value)]) h.append(name, v);
  }
  const empty = status === 204 || status === 304 || body.length === 0;
  return new Response(empty ? null : new Uint8Array(body), { status, headers: h });
}

/**
 * `fetch` for the simulator over HTTP/1.1: `simFetch(sim, 'https://api.wandb.ai/graphql', {...})`.
 * Rejects like fetch (TypeError "fetch failed") when the connection is dropped.
 */
export function simFetch(sim: SimTarget, url: string, init: SimRequestInit = {}): Promise<Response> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: sim.port,
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        servername: target.hostname,
        rejectUnauthorized: false,
        agent: false,
        headers: { host: target.host, ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(toResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
        res.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      },
    );
    req.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    req.end(init.body);
  });
}

export interface SimHttp2Connection {
  /** One request on the shared HTTP/2 connection; `path` is relative to the connection's host. */
  fetch(path: string, init?: SimRequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** An HTTP/2 connection to the simulator as `host` (e.g. 'api.wandb.ai'), for multiplexing tests. */
export function simHttp2(sim: SimTarget, host: string): SimHttp2Connection {
  const session = http2.connect(`https://127.0.0.1:${sim.port}`, {
    servername: host,
    rejectUnauthorized: false,
  });
  session.on('error', () => {});
  return {
    fetch(path, init = {}) {
      return new Promise((resolve, reject) => {
        const stream = session.request({
          ':method': init.method ?? 'GET',
          ':path': path,
          ':authority': host,
          ...init.headers,
        });
        let status = 0;
        let headers: Record<string, string | string[] | number | undefined> = {};
        const chunks: Buffer[] = [];
        stream.on('response', (h) => {
          status = Number(h[':status']);
          headers = h as typeof headers;
        });
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (status === 0)
            reject(new TypeError('fetch failed', { cause: new Error('stream closed without a response') }));
          else resolve(toResponse(status, headers, Buffer.concat(chunks)));
        });
        stream.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
        stream.on('close', () => {
          if (status === 0)
            reject(
              new TypeError('fetch failed', { cause: new Error(`stream reset (code ${stream.rstCode})`) }),
            );
        });
        stream.end(init.body);
      });
    },
    close: () => new Promise<void>((resolve) => session.close(() => resolve())),
  };
}

/** Signs in through `/__sim/login` and returns the `Cookie` header value (`wandb=<token>`). */
export async function simLogin(sim: SimTarget, username: string): Promise<string> {
  const res = await simFetch(sim, `https://wandb.ai/__sim/login?user=${encodeURIComponent(username)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('wandb='));
  if (res.status !== 302 || !cookie)
    throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0]!;
}

export interface GraphqlReply {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: string[] }[] };
  headers: Headers;
}

/** POSTs a GraphQL document to https://api.wandb.ai/graphql the way the extension does. */
export async function simGraphql(
  sim: SimTarget,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlReply> {
  const res = await simFetch(sim, 'https://api.wandb.ai/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-origin': 'https://wandb.ai', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphqlReply['body'], headers: res.headers };
}

/** `Authorization: Basic base64("<user>:<key>")`. */
export function basicAuth(user: string, key: string): string {
  return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}
