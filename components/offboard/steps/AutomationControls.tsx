import type { OffboardingCase } from '@/lib/offboarding/model';
import type { StepControlProps } from './props';

function automationItems(c: OffboardingCase): { key: string; label: string }[] {
  const runs = c.impact.runs.status === 'read' ? c.impact.runs.items : [];
  return [
    ...runs.map((r) => ({
      key: `run:${r.team}/${r.project}/${r.name}`,
      label: `Run ${r.team}/${r.project}/${r.name}`,
    })),
    ...c.impact.serviceAccounts.map((s) => ({
      key: `sa:${s.username}`,
      label: `Service account ${s.username} (${s.teams.join(', ')})`,
    })),
    ...(c.impact.apiKeys.status === 'read'
      ? c.impact.apiKeys.items.map((k) => ({ key: `key:${k.name}`, label: `API key ${k.name}` }))
      : []),
  ];
}

/** Tick every run, service account and key that may use their key, then confirm the review. */
export function AutomationControls({ c, busy, onStep, inputs }: StepControlProps) {
  const { reviewed, setReviewed } = inputs;
  const items = automationItems(c);
  return (
    <div>
      <p className="wbat-hint">
        Pipelines using their personal key stop when they leave. Check each item and move it to a service
        account key.
      </p>
      <ul className="wbat-plain" aria-label="Automation to review">
        {items.map((item) => (
          <li key={item.key}>
            <label className="wbat-check">
              <input
                type="checkbox"
                checked={reviewed.has(item.key)}
                onChange={(event) => {
                  const next = new Set(reviewed);
                  if (event.target.checked) next.add(item.key);
                  else next.delete(item.key);
                  setReviewed(next);
                  onStep({ step: 'automation', action: 'review', reviewed: [...next] });
                }}
              />{' '}
              {item.label}
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={busy || items.some((item) => !reviewed.has(item.key))}
        onClick={() => onStep({ step: 'automation', action: 'confirm' })}
      >
        Confirm automation reviewed
      </button>
    </div>
  );
}
