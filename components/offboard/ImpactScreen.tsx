import { ImpactView } from './ImpactView';
import type { OffboardDialogProps, OffboardScreen } from './types';

/** The impact before a case is opened; Start is refused for the last org admin. */
export function ImpactScreen({
  view,
  links,
  busy,
  onBack,
  onStart,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'impact' }> }) {
  return (
    <>
      {view.impact ? <ImpactView impact={view.impact} links={links} /> : null}
      <div className="wbat-dialog-footer">
        <button type="button" className="wbat-button" onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={busy || !view.impact || view.impact.lastOrgAdmin}
          onClick={() => onStart(view.username)}
        >
          Start offboarding
        </button>
      </div>
    </>
  );
}
