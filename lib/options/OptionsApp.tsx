/**
 * The options page container: background messages, settings storage and the host permission
 * request in; the presentational sections (components/options/) out.
 */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AdminKeySection } from '@/components/options/AdminKeySection';
import { DataSection } from '@/components/options/DataSection';
import { DefaultsSection } from '@/components/options/DefaultsSection';
import { DiagnosticsSection } from '@/components/options/DiagnosticsSection';
import { HostsSection } from '@/components/options/HostsSection';
import { type CapabilitiesReply, type ProtocolError, type Result, sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';
import { DEFAULT_SETTINGS, getSettings, type Settings, saveSettings, watchSettings } from '../settings';
import type { AdminKeyInfo } from '../settings/admin-key';
import { clearLocalData, describeLocalData, exportLocalData, type LocalDataEntry } from '../settings/data';
import { hostMatchPattern, parseHostInput, readWandbHosts, wandbHostsItem } from '../settings/hosts';

const WANDB = 'https://wandb.ai';
const LOST: ProtocolError = {
  kind: 'network',
  message: 'The toolkit lost contact with its background worker. Reload this page.',
};

async function ask<T>(send: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await send();
  } catch {
    return { ok: false, error: LOST };
  }
}

/**
 * Asks the browser for access to the host the admin typed, then registers it with the background;
 * `onAdded` gets the new host list. Must be called synchronously from the click: the browser shows
 * its permission prompt only then.
 */
function addHost(
  input: string,
  onAdded: (hosts: string[]) => void,
): Promise<{ error: string } | { origin: string }> {
  const parsed = parseHostInput(input);
  if (!parsed.ok) return Promise.resolve({ error: parsed.reason });
  return browser.permissions
    .request({ origins: [hostMatchPattern(parsed.origin)] })
    .then(async (granted) => {
      if (!granted) {
        return {
          error: `The browser did not grant access to ${new URL(parsed.origin).host}, so it was not added.`,
        };
      }
      const reply = await ask(() => sendMessage('hostAdded', { origin: parsed.origin }));
      if (!reply.ok) return { error: reply.error.message };
      onAdded(reply.data.hosts);
      return { origin: parsed.origin };
    })
    .catch((error: unknown) => ({
      error: `The browser refused the request: ${String((error as Error)?.message ?? error)}`,
    }));
}

/** Saves everything the toolkit keeps on this device as one JSON file. */
async function downloadLocalData(): Promise<void> {
  const json = await exportLocalData();
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `wandb-admin-toolkit-data-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function OptionsApp() {
  const [hosts, setHosts] = useState<string[]>([]);
  const [keyInfo, setKeyInfo] = useState<AdminKeyInfo | null>(null);
  const [selectedHost, setSelectedHost] = useState(WANDB);
  const [capabilities, setCapabilities] = useState<CapabilitiesReply | null>(null);
  const [customRoles, setCustomRoles] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS });
  const [data, setData] = useState<LocalDataEntry[]>([]);

  const refreshData = useCallback(() => {
    describeLocalData()
      .then(setData)
      .catch((error) => reportFailure('options', error));
  }, []);

  const refreshKey = useCallback(async () => {
    const reply = await ask(() => sendMessage('keyInfo', {}));
    const info = reply.ok ? reply.data : null;
    setKeyInfo(info);
    const host = info?.appOrigin ?? selectedHost;
    const caps = await ask(() => sendMessage('capabilities', { appOrigin: host }));
    setCapabilities(caps.ok ? caps.data : null);
    if (info?.status === 'admin') {
      const roles = await ask(() =>
        sendMessage('keyListRoles', { appOrigin: info.appOrigin, org: info.owner.orgs[0] ?? 'unknown' }),
      );
      setCustomRoles(roles.ok ? roles.data.map((r) => r.name) : []);
    } else setCustomRoles([]);
    refreshData();
  }, [selectedHost, refreshData]);

  useEffect(() => {
    readWandbHosts()
      .then(setHosts)
      .catch((error) => reportFailure('options', error));
    getSettings()
      .then(setSettings)
      .catch((error) => reportFailure('options', error));
    const unwatchHosts = wandbHostsItem.watch(() => {
      readWandbHosts()
        .then(setHosts)
        .catch((error) => reportFailure('options', error));
    });
    const unwatchSettings = watchSettings(setSettings);
    return () => {
      unwatchHosts();
      unwatchSettings();
    };
  }, []);

  useEffect(() => {
    void refreshKey();
  }, [refreshKey]);

  const org = keyInfo?.owner.orgs[0] ?? 'unknown';

  return (
    <main className="opt-main">
      <h1>Admin Toolkit for W&B — options</h1>
      <AdminKeySection
        hosts={[WANDB, ...hosts]}
        keyInfo={keyInfo}
        capabilities={capabilities}
        customRoles={customRoles}
        onHostChange={(host) => setSelectedHost(host)}
        onTest={async (input) => {
          const result = await ask(() => sendMessage('keyTest', input));
          await refreshKey();
          return result;
        }}
        onForget={async () => {
          await ask(() => sendMessage('keyForget', {}));
          await refreshKey();
        }}
        onSetOrgRole={async (input) => {
          if (!keyInfo) return { ok: false, error: { kind: 'no-key', message: 'No admin key.' } };
          const result = await ask(() =>
            sendMessage('keySetOrgRole', { appOrigin: keyInfo.appOrigin, org, ...input }),
          );
          refreshData();
          return result;
        }}
      />
      <DiagnosticsSection
        hosts={[WANDB, ...hosts]}
        defaultOrg={keyInfo?.owner.orgs[0] ?? ''}
        onRun={(appOrigin, runOrg) =>
          ask(() => sendMessage('diagnosticsRunForHost', { appOrigin, org: runOrg }))
        }
      />
      <HostsSection
        hosts={hosts}
        onAdd={(input) =>
          addHost(input, (added) => {
            setHosts(added);
            refreshData();
          })
        }
        onRemove={async (origin) => {
          const reply = await ask(() => sendMessage('hostRemove', { origin }));
          if (reply.ok) setHosts(reply.data.hosts);
          await refreshKey();
        }}
      />
      <DefaultsSection
        settings={settings}
        onSave={async (next) => {
          try {
            setSettings(await saveSettings(next));
            refreshData();
            return null;
          } catch (error) {
            const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
            return issue ? `${issue.path.join('.')}: ${issue.message}` : 'The defaults could not be saved.';
          }
        }}
      />
      <DataSection
        entries={data}
        onExport={downloadLocalData}
        onClear={async (keys) => {
          // The key also lives in session storage when not remembered: forget it through the background.
          if (keys.includes('vault:adminKey')) await ask(() => sendMessage('keyForget', {}));
          await clearLocalData(keys.filter((k) => k !== 'local:wandbHosts'));
          if (keys.includes('local:wandbHosts')) {
            for (const origin of hosts) await ask(() => sendMessage('hostRemove', { origin }));
          }
          await refreshKey();
        }}
      />
    </main>
  );
}
