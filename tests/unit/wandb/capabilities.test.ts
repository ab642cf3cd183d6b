import { describe, expect, it } from 'vitest';
import {
  ADMIN_ACTIONS,
  type AdminAction,
  actionsEnabledByKey,
  type CapabilityInput,
  resolveCapabilities,
  type Transport,
} from '@/lib/wandb/capabilities';

type Row = [AdminAction, Transport, Transport];

/** action, transport without a working key, transport with an org admin key (product.md capability table). */
const TABLE: Row[] = [
  ['read-directory', 'session', 'session'],
  ['invite-to-team', 'session', 'session'],
  ['remove-from-team', 'session', 'session'],
  ['set-org-role', 'manual', 'key'],
  ['set-team-role', 'manual', 'key'],
  ['remove-from-org', 'manual', 'key'],
  ['list-custom-roles', 'manual', 'key'],
  ['last-activity', 'session', 'key'],
  ['api-keys-of-user', 'manual', 'manual'],
];

describe('resolveCapabilities', () => {
  it('covers every action exactly once', () => {
    expect(TABLE.map((row) => row[0]).sort()).toEqual([...ADMIN_ACTIONS].sort());
  });

  const inputs: [string, CapabilityInput, 'without' | 'with'][] = [
    ['no key', { keyStatus: 'none' }, 'without'],
    ['a key whose owner is not an admin', { keyStatus: 'not-admin' }, 'without'],
    ['a key W&B rejected', { keyStatus: 'rejected' }, 'without'],
    ['an org admin key', { keyStatus: 'admin' }, 'with'],
  ];
  for (const [name, input, column] of inputs) {
    it.each(TABLE)(`${name}: %s → ${column} key column`, (action, withoutKey, withKey) => {
      const capability = resolveCapabilities(input)[action];
      expect(capability.action).toBe(action);
      expect(capability.transport).toBe(column === 'with' ? withKey : withoutKey);
      expect(capability.detail.length).toBeGreaterThan(10);
    });
  }

  it('lets instance admins read API key names with the session', () => {
    expect(
      resolveCapabilities({ keyStatus: 'none', sessionInstanceAdmin: true })['api-keys-of-user'].transport,
    ).toBe('session');
    expect(
      resolveCapabilities({ keyStatus: 'admin', sessionInstanceAdmin: 'unknown' })['api-keys-of-user']
        .transport,
    ).toBe('manual');
  });

  it('a manual step tells the admin where to do it', () => {
    const caps = resolveCapabilities({ keyStatus: 'none' });
    expect(caps['set-org-role'].detail).toMatch(/Members page/);
    expect(caps['remove-from-org'].detail).toMatch(/checks the directory/);
  });

  it('lists what the key adds', () => {
    expect(actionsEnabledByKey(resolveCapabilities({ keyStatus: 'admin' }))).toEqual([
      'set-org-role',
      'set-team-role',
      'remove-from-org',
      'list-custom-roles',
      'last-activity',
    ]);
    expect(actionsEnabledByKey(resolveCapabilities({ keyStatus: 'rejected' }))).toEqual([]);
  });
});
