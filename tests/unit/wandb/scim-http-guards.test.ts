/**
 * Guards of the SCIM requests (`lib/wandb/scim/http.ts`) and the client methods over them that
 * `scim.test.ts` and `scim-guards.test.ts` pass through: where a list of teams is read from, what
 * counts as a success, what counts as an answer the toolkit understands, and how fast a cancel
 * stops a read that is waiting to retry (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import { client, fakeFetch, json, user } from './scim-fake';

describe('SCIM request guards (http)', () => {
  it('guard "teams are listed from /Groups": the request goes to the Groups collection, filter and all', async () => {
    const { sent, fetch } = fakeFetch(() => json(200, { totalResults: 0, Resources: [] }));
    await client(fetch).listGroups({ displayName: 'vision' });
    const url = new URL(sent[0]!.url);
    expect(`${sent[0]!.method} ${url.pathname}`).toBe('GET /scim/Groups');
    expect(url.searchParams.get('filter')).toBe('displayName eq "vision"');
  });

  it('guard "an empty 200 answer to a read is no answer": it is named as not JSON, not as a wrong shape', async () => {
    const { fetch } = fakeFetch(() => new Response('', { status: 200 }));
    await expect(client(fetch).getUser('u-1')).rejects.toMatchObject({
      kind: 'bad-response',
      message:
        'W&B sent an answer the toolkit does not understand (the SCIM answer to read this user is not JSON). Check that the host is a W&B server; copy this message into a bug report.',
    });
  });

  it('guard "an answer without an HTTP status is no success": a removal answered so is not reported done', async () => {
    const { sent, fetch } = fakeFetch(() => Response.error());
    await expect(client(fetch).deleteUser('u-1')).rejects.toMatchObject({
      kind: 'invalid-request',
      message: 'W&B refused to remove this user from the organization (HTTP 0). It gave no reason.',
    });
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual(['DELETE /scim/Users/u-1']);
  });

  it('guard "a cancel stops a read at once, even while it waits to retry"', async () => {
    const controller = new AbortController();
    const { sent, fetch } = fakeFetch(() => {
      // W&B asks for a 30 s wait; the admin cancels while the toolkit waits.
      setTimeout(() => controller.abort(), 20);
      return json(429, undefined, { 'Retry-After': '30' });
    });
    const scim = client(fetch, undefined, { retry: { retries: 3 } });
    const outcome = scim.listUsers({}, { signal: controller.signal }).then(
      () => 'listed',
      (error: { kind?: string }) => error.kind,
    );
    const stillWaiting = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000));
    expect(await Promise.race([outcome, stillWaiting])).toBe('cancelled');
    expect(sent).toHaveLength(1);
  });
});

describe('SCIM refusal detail guards', () => {
  it.each(['User already exists', 'teams: unknown team "vision"'])(
    'guard "what W&B said in a refusal is quoted to the admin, whatever it says": %s',
    async (detail) => {
      const { fetch } = fakeFetch(() => json(409, { detail: `  ${detail} ` }));
      await expect(
        client(fetch).createUser({ userName: 'zed', email: 'zed@acme.test', teams: [] }),
      ).rejects.toMatchObject({
        kind: 'conflict',
        message: `W&B refused to create the user zed because it conflicts with what is already there (HTTP 409). W&B said: "${detail}".`,
      });
    },
  );
});

describe('SCIM user creation guards', () => {
  it('guard "a user created without teams is sent without the teams extension": core schema, userName and primary email only', async () => {
    const { sent, fetch } = fakeFetch(() => json(201, user('u-9', 'zed')));
    await client(fetch).createUser({ userName: 'zed', email: 'zed@acme.test', teams: [] });
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual(['POST /scim/Users']);
    expect(sent[0]?.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'zed',
      emails: [{ primary: true, value: 'zed@acme.test' }],
    });
  });

  it('guard "a user created with teams joins them through the teams extension"', async () => {
    const { sent, fetch } = fakeFetch(() => json(201, user('u-9', 'zed')));
    await client(fetch).createUser({ userName: 'zed', email: 'zed@acme.test', teams: ['vision', 'nlp'] });
    expect(sent[0]?.body).toEqual({
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:teams:2.0:User',
      ],
      userName: 'zed',
      emails: [{ primary: true, value: 'zed@acme.test' }],
      'urn:ietf:params:scim:schemas:extension:teams:2.0:User': { teams: ['vision', 'nlp'] },
    });
  });
});
