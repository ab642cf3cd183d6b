/**
 * Every storage read is parsed: a corrupt item never crashes a tool, is reported once (console and
 * the Data section's "Damaged data set aside" entry), and is kept aside for export, not dropped.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { appendAudit, readAuditLog } from '@/lib/audit/writer';
import { corruptItemsItem } from '@/lib/corrupt-storage';
import { createInviteJob } from '@/lib/invite/job';
import { describeLocalData, exportLocalData } from '@/lib/settings/data';
import { readWandbHosts } from '@/lib/settings/hosts';
import { readInviteJobs, readKeptExport } from '@/lib/storage-schemas';
import { freshStorageEachTest } from '../fresh-storage';
import { newRow } from '../invite/job/fakeServer';

const warnings = freshStorageEachTest();

const goodJob = {
  appOrigin: 'https://wandb.ai',
  actor: 'alice',
  job: createInviteJob([newRow(0, 'a@acme.test', ['vision'])], {
    id: 'j1',
    org: 'acme',
    scope: 'org:acme',
    now: 0,
  }),
};

describe('corrupt storage', () => {
  it('a corrupt invite job is set aside; the valid one is still read; reported once', async () => {
    await fakeBrowser.storage.local.set({
      inviteJobs: { j1: goodJob, j2: { appOrigin: 1, job: 'garbage' } },
    });
    expect(Object.keys(await readInviteJobs())).toEqual(['j1']);
    expect(Object.keys(await readInviteJobs())).toEqual(['j1']);
    const aside = await corruptItemsItem.getValue();
    expect(aside['local:inviteJobs/j2']).toMatchObject({ value: { appOrigin: 1, job: 'garbage' } });
    expect(warnings()).toHaveBeenCalledTimes(1);
    expect(String(warnings().mock.calls[0]?.[0])).toContain('local:inviteJobs/j2 is not valid');
  });

  it('a corrupt kept export reads as none; corrupt hosts read as none; the audit log starts anew', async () => {
    await fakeBrowser.storage.local.set({
      lastExport: { org: 'acme', rows: 'not rows' },
      wandbHosts: 'https://evil.example',
      auditLog: [{ id: 1 }],
    });
    expect(await readKeptExport()).toBeNull();
    expect(await readWandbHosts()).toEqual([]);
    expect(await readAuditLog()).toEqual([]);
    await appendAudit([
      {
        id: 'x',
        at: '2026-01-01T00:00:00Z',
        actor: 'a',
        action: 'invite',
        target: 't',
        host: 'wandb.ai',
        org: 'acme',
        result: 'ok',
        detail: '',
      },
    ]);
    expect((await readAuditLog()).map((e) => e.id)).toEqual(['x']);
    const aside = await corruptItemsItem.getValue();
    expect(Object.keys(aside).sort()).toEqual(['local:auditLog', 'local:lastExport', 'local:wandbHosts']);
  });

  it('shows in the Data section and goes into its export', async () => {
    await fakeBrowser.storage.local.set({ lastExport: { broken: true } });
    await readKeptExport();
    const entry = (await describeLocalData()).find((e) => e.key === 'local:corruptItems');
    expect(entry).toMatchObject({ present: true, label: 'Damaged data set aside (not used)' });
    expect(JSON.parse(await exportLocalData()).data.corruptItems['local:lastExport'].value).toEqual({
      broken: true,
    });
  });

  it('a host list entry that is not an added-host origin is left out', async () => {
    await fakeBrowser.storage.local.set({
      wandbHosts: ['https://acme.wandb.io', 'https://wandb.ai.', 'javascript:x'],
    });
    expect(await readWandbHosts()).toEqual(['https://acme.wandb.io']);
  });
});
