import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  classifyGraphqlErrors,
  parseRetryAfter,
  rejectedFieldOf,
  toWandbErrorData,
  WandbError,
  wandbErrorDataSchema,
} from '@/lib/wandb/errors';
import { createGraphqlTransport } from '@/lib/wandb/graphql';
import { createFakeFetch, type ScriptedReply } from './fakeWandb';

const NOW = Date.parse('2026-11-20T12:00:00Z');

const memberListSchema = z.object({
  organization: z.object({ members: z.array(z.object({ username: z.string() })) }),
});

/** Sends one request through a transport whose fake server answers `reply`; resolves with what it threw. */
async function failureFor(reply: ScriptedReply, options: { timeoutMs?: number } = {}): Promise<WandbError> {
  const fake = createFakeFetch(() => reply);
  const transport = createGraphqlTransport({
    apiOrigin: 'https://api.wandb.ai',
    appOrigin: 'https://wandb.ai',
    fetch: fake.fetch,
    now: () => NOW,
    ...options,
  });
  try {
    await transport.request(
      'query OrgDirectory { organization { members { username } } }',
      {},
      memberListSchema,
    );
  } catch (error) {
    if (error instanceof WandbError) return error;
    throw new Error(`expected a WandbError, got ${String(error)}`);
  }
  throw new Error('expected the request to fail');
}

describe('error classification (through the transport)', () => {
  const table: {
    case: string;
    reply: ScriptedReply;
    expected: Partial<Pick<WandbError, 'kind' | 'field' | 'retryAfterMs' | 'status'>>;
  }[] = [
    {
      case: 'HTTP 401',
      reply: { status: 401, text: 'Unauthorized' },
      expected: { kind: 'not-signed-in', status: 401 },
    },
    {
      case: 'GraphQL "relogin required" in any case, with HTTP 200',
      reply: { json: { data: null, errors: [{ message: 'ReLogin Required' }] } },
      expected: { kind: 'not-signed-in' },
    },
    {
      case: '"relogin required" with HTTP 403 beats the status',
      reply: { status: 403, json: { errors: [{ message: 'relogin required' }] } },
      expected: { kind: 'not-signed-in', status: 403 },
    },
    {
      case: 'GraphQL "permission denied"',
      reply: {
        json: {
          data: { organization: null },
          errors: [{ message: 'Permission denied', path: ['organization'] }],
        },
      },
      expected: { kind: 'not-admin' },
    },
    {
      case: 'HTTP 403 without a body',
      reply: { status: 403, text: '' },
      expected: { kind: 'not-admin', status: 403 },
    },
    {
      case: '429 with Retry-After in seconds',
      reply: { status: 429, headers: { 'Retry-After': '7' }, text: 'slow down' },
      expected: { kind: 'rate-limited', retryAfterMs: 7000, status: 429 },
    },
    {
      case: '429 with Retry-After as an HTTP date',
      reply: { status: 429, headers: { 'Retry-After': new Date(NOW + 90_000).toUTCString() }, text: '' },
      expected: { kind: 'rate-limited', retryAfterMs: 90_000, status: 429 },
    },
    {
      case: '429 without Retry-After',
      reply: { status: 429, text: '' },
      expected: { kind: 'rate-limited', retryAfterMs: undefined },
    },
    {
      case: 'HTTP 500',
      reply: { status: 500, text: '<html>oops</html>' },
      expected: { kind: 'server', status: 500 },
    },
    {
      case: 'HTTP 502 with an unrecognised GraphQL error',
      reply: { status: 502, json: { errors: [{ message: 'upstream connect error' }] } },
      expected: { kind: 'server', status: 502 },
    },
    {
      case: 'fetch rejects with TypeError (DNS, offline, CORS)',
      reply: { throws: new TypeError('Failed to fetch') },
      expected: { kind: 'network', status: undefined },
    },
    {
      case: 'validation error "Cannot query field" (HTTP 400)',
      reply: {
        status: 400,
        json: {
          errors: [
            { message: 'Cannot query field "usedSeats" on type "Organization". Did you mean "users"?' },
          ],
        },
      },
      expected: { kind: 'schema-mismatch', field: 'Organization.usedSeats', status: 400 },
    },
    {
      case: 'validation error "Cannot query field" with HTTP 200',
      reply: {
        json: { errors: [{ message: 'Cannot query field "weaveRole" on type "OrganizationMember".' }] },
      },
      expected: { kind: 'schema-mismatch', field: 'OrganizationMember.weaveRole' },
    },
    {
      case: 'validation error "Unknown argument"',
      reply: {
        status: 400,
        json: { errors: [{ message: 'Unknown argument "name" on field "Query.organization".' }] },
      },
      expected: { kind: 'schema-mismatch', field: 'Query.organization(name)' },
    },
    {
      case: 'validation error "Unknown type"',
      reply: { status: 400, json: { errors: [{ message: 'Unknown type "SeatAvailability".' }] } },
      expected: { kind: 'schema-mismatch', field: 'SeatAvailability' },
    },
    {
      case: 'any other GraphQL error',
      reply: { json: { errors: [{ message: 'something broke in resolver' }] } },
      expected: { kind: 'graphql' },
    },
    {
      case: 'partial data next to errors still fails',
      reply: {
        json: {
          data: { organization: { members: [{ username: 'alice' }] } },
          errors: [{ message: 'could not load pendingInvites' }],
        },
      },
      expected: { kind: 'graphql' },
    },
    {
      case: 'data failing the schema names the JSON path',
      reply: {
        json: {
          data: {
            organization: {
              members: [{ username: 'a' }, { username: 'b' }, { username: 'c' }, { username: null }],
            },
          },
        },
      },
      expected: { kind: 'bad-response' },
    },
    {
      case: 'a body that is not JSON',
      reply: { text: '<html>login</html>' },
      expected: { kind: 'bad-response' },
    },
    { case: 'JSON without data', reply: { json: {} }, expected: { kind: 'bad-response' } },
  ];

  it.each(table)('$case', async ({ reply, expected }) => {
    const error = await failureFor(reply);
    expect(error).toMatchObject(expected);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('names the first schema problem by JSON path and says what was expected', async () => {
    const error = await failureFor({
      json: {
        data: {
          organization: {
            members: [
              { username: 'a' },
              { username: 'b' },
              { username: 'c' },
              { username: null },
              { username: 5 },
            ],
          },
        },
      },
    });
    expect(error.kind).toBe('bad-response');
    expect(error.message).toContain('organization.members[3].username: expected string, got null');
  });

  it('tells the admin what to do, for the kinds an admin can act on', async () => {
    expect((await failureFor({ status: 401, text: '' })).message).toBe(
      'You are not signed in to W&B (or the session expired). Sign in to W&B again, then retry.',
    );
    expect((await failureFor({ json: { errors: [{ message: 'permission denied' }] } })).message).toMatch(
      /signed in.*not an admin of this organization or team/,
    );
    const mismatch = await failureFor({
      status: 400,
      json: { errors: [{ message: 'Cannot query field "usedSeats" on type "Organization".' }] },
    });
    expect(mismatch.message).toMatch(/^This W&B server does not offer the field Organization\.usedSeats/);
    expect((await failureFor({ status: 429, headers: { 'Retry-After': '30' }, text: '' })).message).toContain(
      'Wait 30 seconds',
    );
  });

  it('classifies a timeout separately from a network failure', async () => {
    const error = await failureFor({ hang: true }, { timeoutMs: 20 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('did not answer');
  });

  it('prefers a lost session over a permission error over a schema mismatch in one answer', () => {
    const errors = [
      { message: 'Cannot query field "usedSeats" on type "Organization".' },
      { message: 'permission denied' },
      { message: 'relogin required' },
    ];
    expect(classifyGraphqlErrors(errors).kind).toBe('not-signed-in');
    expect(classifyGraphqlErrors(errors.slice(0, 2)).kind).toBe('not-admin');
    expect(classifyGraphqlErrors(errors.slice(0, 1))).toMatchObject({
      kind: 'schema-mismatch',
      field: 'Organization.usedSeats',
    });
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['12', 12_000],
    ['1.5', 1500],
    [new Date(NOW + 5000).toUTCString(), 5000],
    [new Date(NOW - 60_000).toUTCString(), 0],
    ['soon', undefined],
    ['', undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('is undefined without the header', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});

describe('rejectedFieldOf', () => {
  it('is null for messages that are not validation errors', () => {
    expect(rejectedFieldOf('permission denied')).toBeNull();
  });
});

describe('toWandbErrorData', () => {
  it('turns a WandbError into plain data that the messaging schema accepts, without undefined keys', async () => {
    const error = await failureFor({ status: 429, headers: { 'Retry-After': '3' }, text: '' });
    const data = toWandbErrorData(error);
    expect(data).toEqual({ kind: 'rate-limited', message: error.message, retryAfterMs: 3000, status: 429 });
    expect(Object.keys(toWandbErrorData(await failureFor({ status: 401, text: '' })))).toEqual([
      'kind',
      'message',
      'status',
    ]);
    expect(wandbErrorDataSchema.parse(structuredClone(data))).toEqual(data);
  });

  it('keeps the field of a schema mismatch', async () => {
    const error = await failureFor({
      status: 400,
      json: { errors: [{ message: 'Cannot query field "usedSeats" on type "Organization".' }] },
    });
    expect(toWandbErrorData(error)).toMatchObject({
      kind: 'schema-mismatch',
      field: 'Organization.usedSeats',
    });
  });

  it('reports an AbortError as cancelled and any other throw as bad-response with its text', () => {
    expect(toWandbErrorData(new DOMException('aborted', 'AbortError')).kind).toBe('cancelled');
    const data = toWandbErrorData(new RangeError('boom'));
    expect(data.kind).toBe('bad-response');
    expect(data.message).toContain('boom');
    expect(wandbErrorDataSchema.safeParse(data).success).toBe(true);
  });

  it('rejects data of an unknown kind', () => {
    expect(wandbErrorDataSchema.safeParse({ kind: 'oops', message: 'x' }).success).toBe(false);
  });
});
