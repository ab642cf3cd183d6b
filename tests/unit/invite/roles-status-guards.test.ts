/**
 * Guards of the small invite modules found by mutation testing (issue #17): how role and
 * identity-provider status cells are read, the note on an org role a team invite cannot give, and
 * the names of bulk invite's files.
 */
import { describe, expect, it } from 'vitest';
import { inviteFileName } from '@/lib/invite/file-names';
import { idpInactiveWord } from '@/lib/invite/idp-status';
import { orgRoleNote, teamRoleOf } from '@/lib/invite/roles';

describe('role and status cells', () => {
  it('guard "spaces, _ and - in a role cell are dropped": Team Admin, team_admin and TEAM-ADMIN are the team admin role', () => {
    expect(['Team Admin', 'team_admin', ' TEAM-ADMIN ', 'Administrator'].map(teamRoleOf)).toEqual([
      'admin',
      'admin',
      'admin',
      'admin',
    ]);
    expect(teamRoleOf('Team Lead')).toBeUndefined();
  });

  it('guard "spaces, _ and - in a status cell are dropped": De-provisioned and Account_Disabled read as the words W&B admins know', () => {
    expect(idpInactiveWord(' De-provisioned ')).toBe('deprovisioned');
    expect(idpInactiveWord('DE PROVISIONED')).toBe('deprovisioned');
    expect(idpInactiveWord('FALSE')).toBe('disabled');
    expect(idpInactiveWord('LOCKED_OUT')).toBeNull();
  });
});

describe('org role notes', () => {
  it('guard "a custom org role is not called viewer": only viewer gets the viewer note, other roles the documented-roles one', () => {
    expect(orgRoleNote('viewer', false, true)).toBe(
      'org role viewer cannot be given through SCIM (W&B maps it to member): set it on the Members page after they join',
    );
    expect(orgRoleNote('auditor', false, true)).toBe(
      'org role auditor cannot be given through SCIM (W&B documents admin and member only): set it on the Members page after they join',
    );
  });
});

describe('file names', () => {
  it('guard "bulk invite names its files after the org, the kind and the local date"', () => {
    const date = new Date(2026, 11, 4, 23, 30);
    expect(inviteFileName('acme', 'dry-run', date)).toBe('wandb-acme-invite-dry-run-2026-12-04.csv');
    expect(inviteFileName('Acme Labs', 'results', date)).toBe(
      'wandb-Acme-Labs-invite-results-2026-12-04.csv',
    );
  });
});
