/**
 * Each message declared once (issue 12): every message of every tool's table has a handler, is
 * registered with the dispatcher and answers with the one `Result` shape, has a line in the
 * README's message list, and that list is exactly what `npm run docs` generates from the tables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps } from '@/lib/background/deps';
import { allHandlers, TOOL_HANDLERS } from '@/lib/background/tools';
import { MESSAGE_TABLES, MESSAGES } from '@/lib/messages';
import { README, withMessageList } from '@/scripts/docs';

const registered = vi.hoisted(() => new Map<string, (message: unknown) => unknown>());
vi.mock('@/lib/messaging/protocol', () => ({
  onMessage: (type: string, listener: (message: unknown) => unknown) => registered.set(type, listener),
}));
const { registerHandlers } = await import('@/lib/background/dispatch');

const names = Object.values(MESSAGE_TABLES).flatMap((table) => Object.keys(table));

describe('message tables', () => {
  it('declare each message name once', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(MESSAGES).sort()).toEqual([...names].sort());
  });

  it('give every message a doc line and at least one sender', () => {
    for (const [type, spec] of Object.entries(MESSAGES)) {
      expect(spec.doc.trim().length, type).toBeGreaterThan(10);
      expect(spec.senders.length, type).toBeGreaterThan(0);
    }
  });

  it('each tool has its background handlers for its own table, and every message a handler', () => {
    expect(Object.keys(TOOL_HANDLERS).sort()).toEqual(Object.keys(MESSAGE_TABLES).sort());
    for (const [tool, entry] of Object.entries(TOOL_HANDLERS)) {
      expect(entry.messages).toBe(MESSAGE_TABLES[tool as keyof typeof MESSAGE_TABLES]);
    }
    const handlers = allHandlers({} as BackgroundDeps);
    expect(Object.keys(handlers).sort()).toEqual([...names].sort());
    for (const type of names) expect(typeof handlers[type as keyof typeof handlers], type).toBe('function');
  });
});

describe('the dispatcher', () => {
  it('registers every message, and each answers with the one Result shape', async () => {
    const rejected: string[] = [];
    const deps = {
      extensionId: 'ourid',
      extensionOrigin: 'chrome-extension://ourid/',
      extraAppOrigins: () => [],
      logRejected: (reason: string) => rejected.push(reason),
    } as unknown as BackgroundDeps;
    const raw: unknown[] = [];
    registerHandlers(deps, (listener) => raw.push(listener));
    expect([...registered.keys()].sort()).toEqual([...names].sort());
    expect(raw).toHaveLength(1);
    const optionsPage = { id: 'ourid', url: 'chrome-extension://ourid/options.html' };
    for (const [type, listener] of registered) {
      const foreign = await listener({ data: {}, sender: { ...optionsPage, id: 'other' } });
      expect(foreign, type).toEqual({
        ok: false,
        error: { kind: 'forbidden-sender', message: 'This sender may not use the toolkit.' },
      });
      // A sender of the right extension: a refusal for its kind, or a malformed payload.
      const answer = (await listener({ data: { unexpected: true }, sender: optionsPage })) as {
        ok: boolean;
        error?: { kind: string; message: string };
      };
      expect(answer, type).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    }
    expect(rejected).toHaveLength(names.length);
  });
});

describe("the README's message list", () => {
  const readme = readFileSync(README, 'utf8');

  it('is what `npm run docs` generates from the tables (run it after changing a table)', () => {
    expect(withMessageList(readme) === readme).toBe(true);
  });

  it('has a line for every message', () => {
    const section = readme.slice(readme.indexOf('<!-- messages:start'), readme.indexOf('<!-- messages:end'));
    for (const type of names) expect(section, type).toContain(`| \`${type}\` |`);
  });

  it('the generator replaces the section between the markers, and a stale list is told apart', () => {
    const stale = readme.replace('| `keyInfo` |', '| `keyInfoOld` |');
    expect(stale).not.toBe(readme);
    expect(withMessageList(stale)).toBe(readme);
    expect(() => withMessageList('# no markers')).toThrow(/markers/);
  });
});
