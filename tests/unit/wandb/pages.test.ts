import { describe, expect, it } from 'vitest';
import {
  isAdminRoute,
  isOrgMembersPage,
  isPageNavigation,
  isWandbAppOrigin,
  parseAdminRoute,
} from '@/lib/wandb/pages';

describe('parseAdminRoute', () => {
  it.each([
    ['https://wandb.ai/account-settings/acme/members', { kind: 'org-members', org: 'acme' }],
    ['https://wandb.ai/account-settings/acme/members/', { kind: 'org-members', org: 'acme' }],
    ['https://wandb.ai/account-settings/acme/members?search=bob#top', { kind: 'org-members', org: 'acme' }],
    ['https://wandb.ai/account-settings/acme-corp_2/members', { kind: 'org-members', org: 'acme-corp_2' }],
    ['https://wandb.ai/account-settings/acme/settings', { kind: 'org-settings', org: 'acme' }],
    ['https://wandb.ai/account-settings/acme/settings/roles', { kind: 'org-settings', org: 'acme' }],
    ['https://wandb.ai/acme/settings', { kind: 'entity-settings', entity: 'acme' }],
    ['https://wandb.ai/vision/settings/', { kind: 'entity-settings', entity: 'vision' }],
    ['https://wandb.ai/vision/settings/users', { kind: 'entity-settings', entity: 'vision' }],
    ['https://acme.wandb.io/account-settings/acme/members', { kind: 'org-members', org: 'acme' }],
    // Dedicated and self-managed instances' own admin pages (API.md §4), which name no org.
    ['https://acme.wandb.io/org/dashboard', { kind: 'instance-admin', page: 'org-dashboard' }],
    ['https://acme.wandb.io/org/dashboard/', { kind: 'instance-admin', page: 'org-dashboard' }],
    ['https://acme.wandb.io/org/dashboard?tab=users', { kind: 'instance-admin', page: 'org-dashboard' }],
    ['https://wandb.example.test/console/settings/', { kind: 'instance-admin', page: 'console-settings' }],
    // On wandb.ai `/console/settings` stays what it always was: the settings of an entity named console.
    ['https://wandb.ai/console/settings', { kind: 'entity-settings', entity: 'console' }],
  ])('%s is an admin route', (url, expected) => {
    expect(parseAdminRoute(url)).toEqual(expected);
    expect(isAdminRoute(url)).toBe(true);
  });

  it.each([
    'https://wandb.ai/',
    'https://wandb.ai/home',
    'https://wandb.ai/vision',
    'https://wandb.ai/vision/detector',
    'https://wandb.ai/vision/detector/runs/abc123',
    'https://wandb.ai/vision/settings/users/extra',
    'https://wandb.ai/account-settings',
    'https://wandb.ai/account-settings/acme',
    'https://wandb.ai/account-settings/acme/api-keys',
    'https://wandb.ai/account-settings/acme/members/alice',
    'https://wandb.ai/account-settings/acme/settings/roles/extra',
    'https://wandb.ai/settings',
    'https://wandb.ai/home/settings',
    'https://wandb.ai/site/settings',
    'https://wandb.ai/account-settings/<script>/members',
    'https://wandb.ai/org/dashboard',
    'https://acme.wandb.io/org',
    'https://acme.wandb.io/org/dashboard/users',
    'https://acme.wandb.io/org/settings',
    'https://acme.wandb.io/console',
    'https://acme.wandb.io/console/settings/extra',
    'https://acme.wandb.io/console/dashboard',
    'https://acme.wandb.io/console/users',
    'http://acme.wandb.io/org/dashboard',
    'https://wandb.ai/%E0%A4%A/settings',
    'http://wandb.ai/account-settings/acme/members',
    'not a url',
  ])('%s is not an admin route', (url) => {
    expect(parseAdminRoute(url)).toBeNull();
    expect(isAdminRoute(url)).toBe(false);
  });

  it('takes URL objects as well as strings', () => {
    expect(parseAdminRoute(new URL('https://wandb.ai/account-settings/acme/members'))).toEqual({
      kind: 'org-members',
      org: 'acme',
    });
  });
});

describe('isOrgMembersPage', () => {
  it.each([
    ['https://wandb.ai/account-settings/acme/members', true],
    ['https://wandb.ai/account-settings/acme/settings', false],
    ['https://wandb.ai/acme/settings', false],
    ['https://wandb.ai/home', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isOrgMembersPage(url)).toBe(expected);
  });
});

describe('isWandbAppOrigin', () => {
  it.each([
    ['https://wandb.ai', [], true],
    ['https://api.wandb.ai', [], false],
    ['https://evil.example', [], false],
    ['https://wandb.ai.evil.example', [], false],
    ['https://acme.wandb.io', ['https://acme.wandb.io'], true],
    ['https://acme.wandb.io', [], false],
  ] as const)('%s with extra %j → %s', (origin, extra, expected) => {
    expect(isWandbAppOrigin(origin, extra)).toBe(expected);
  });
});

describe('isPageNavigation', () => {
  it.each([
    [new URL('https://wandb.ai/account-settings/acme/members'), true],
    [new URL('https://wandb.ai/home'), true],
    [new URL('blob:https://wandb.ai/6f1c0c9e-2d4b-4f59-a0a3-2b1c5e1f7d10'), false],
    [new URL('https://api.wandb.ai/graphql'), false],
    ['https://wandb.ai/home', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isPageNavigation(url, 'https://wandb.ai')).toBe(expected);
  });
});

describe('page guards', () => {
  it.each([
    'account-settings',
    'admin',
    'api',
    'artifacts',
    'authorize',
    'create-team',
    'fully-connected',
    'home',
    'login',
    'logout',
    'org',
    'registry',
    'reports',
    'settings',
    'signup',
    'site',
    'subscriptions',
    'support',
    '__sim',
  ])('guard "W&B\'s own routes are not entities": /%s/settings is not an admin page', (reserved) => {
    expect(parseAdminRoute(`https://wandb.ai/${reserved}/settings`)).toBeNull();
  });

  it.each([
    ['-acme', null],
    ['.acme', null],
    ['_acme', null],
    ['acme!', null],
    ['ac me', null],
    ['a'.repeat(129), null],
    ['a'.repeat(128), { kind: 'entity-settings', entity: 'a'.repeat(128) }],
    ['a', { kind: 'entity-settings', entity: 'a' }],
    ['Acme.Labs_2-x', { kind: 'entity-settings', entity: 'Acme.Labs_2-x' }],
  ])('guard "an entity name is the whole segment": /%s/settings → %j', (name, expected) => {
    expect(parseAdminRoute(`https://wandb.ai/${encodeURIComponent(name)}/settings`)).toEqual(expected);
    const org = parseAdminRoute(`https://wandb.ai/account-settings/${encodeURIComponent(name)}/members`);
    expect(org).toEqual(expected && { kind: 'org-members', org: name });
  });
});
