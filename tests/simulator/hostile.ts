/**
 * A hostile server, for the extension's limits (not a W&B behaviour; no API.md source): answers
 * that never end a paged read, or that are far larger than any real one. Off by default; a test
 * turns a mode on with `sim.hostile.set({ … })`. Applied to /graphql and /scim answers only.
 */

export interface HostileModes {
  /** GraphQL `pageInfo` always says there is another page, with a new cursor; SCIM lists claim a billion results and return the same page forever. */
  endlessCursors?: boolean;
  /** Every API answer is padded with this many bytes of JSON whitespace (still valid JSON). */
  hugeBodyBytes?: number | null;
}

interface HostileAnswer {
  status: number;
  headers?: Record<string, unknown>;
  body?: string | Buffer;
}

export function createHostile() {
  let modes: HostileModes = {};
  let turn = 0;
  // Cursors the server really issued: once a list really ends, the endless answers alternate
  // between two of them, so each "next page" cursor differs from the last one and the server
  // still accepts it (page through with a small page size so two are seen).
  const seen: string[] = [];
  let last: string | null = null;

  function nextCursor(): string {
    turn++;
    const other = seen.find((c) => c !== last);
    last = other ?? `endless-${turn}`;
    return last;
  }

  function pageInfoOf(inner: Record<string, unknown>): Record<string, unknown> {
    const real = typeof inner.endCursor === 'string' ? inner.endCursor : null;
    if (real && !seen.includes(real) && seen.length < 2) seen.push(real);
    if (inner.hasNextPage === true && real) {
      last = real;
      return inner;
    }
    return { ...inner, hasNextPage: true, endCursor: nextCursor() };
  }

  /** The answer with every `pageInfo` promising another page and every SCIM `totalResults` a billion. */
  function endless(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(endless);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'pageInfo' && typeof inner === 'object' && inner !== null) {
        out[key] = pageInfoOf(inner as Record<string, unknown>);
      } else if (key === 'totalResults' && typeof inner === 'number') {
        out[key] = 1_000_000_000;
      } else out[key] = endless(inner);
    }
    return out;
  }

  return {
    set(next: HostileModes) {
      modes = { ...next };
    },
    /** The answer as the hostile modes turn it; unchanged when none is on. */
    apply<A extends HostileAnswer>(answer: A): A {
      if (!modes.endlessCursors && !modes.hugeBodyBytes) return answer;
      if (answer.status < 200 || answer.status >= 300 || answer.body === undefined) return answer;
      let body = String(answer.body);
      if (modes.endlessCursors) {
        try {
          body = JSON.stringify(endless(JSON.parse(body)));
        } catch {
          // not JSON: left alone
        }
      }
      if (modes.hugeBodyBytes) body += ' '.repeat(modes.hugeBodyBytes);
      return { ...answer, body };
    },
  };
}

export type Hostile = ReturnType<typeof createHostile>;
