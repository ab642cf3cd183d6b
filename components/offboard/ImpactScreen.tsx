import { ImpactView } from './ImpactView';
import type { OffboardDialogProps, OffboardScreen } from './types';

/** When the member loses access, said before the case starts (issue 13: cut access first where W&B offers a verified way). */
const ACCESS_ENDS = {
  'multi-tenant':
    'Their access ends at the step “Remove from the organization”: on wandb.ai W&B offers no way to suspend a member and keep them (SCIM active: false removes the user there), so until that step they can still sign in.',
  dedicated:
    "Their access can end before they are removed: the step “Deactivate their account” comes first on this host. With an admin key the toolkit deactivates them through SCIM; with your session you deactivate them on W&B's organization dashboard (Users) and the toolkit checks it. Otherwise access ends at “Remove from the organization”.",
} as const;

/** The impact before a case is opened; Start is refused for the last org admin. */
export function ImpactScreen({
  view,
  links,
  busy,
  hostKind,
  onBack,
  onStart,
}: OffboardDialogProps & { view: Extract<OffboardScreen, { screen: 'impact' }> }) {
  return (
    <>
      {view.impact ? <ImpactView impact={view.impact} links={links} /> : null}
      {view.impact && hostKind ? (
        <p className="wbat-hint" role="note">
          {ACCESS_ENDS[hostKind]}
        </p>
      ) : null}
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
