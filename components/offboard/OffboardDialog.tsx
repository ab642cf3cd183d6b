import { ModalDialog } from '../dialog';
import { CaseScreen } from './CaseScreen';
import { ImpactScreen } from './ImpactScreen';
import { PickScreen } from './PickScreen';
import type { OffboardDialogProps } from './types';

export type {
  OffboardDialogProps,
  OffboardLinks,
  OffboardScreen,
  StepRequest,
} from './types';

/** The offboarding checklist: pick a member, see the impact, then work through the steps. */
export function OffboardDialog(props: OffboardDialogProps) {
  const { view, error, busy } = props;
  return (
    <ModalDialog
      title="Offboard member"
      subtitle="Impact first; unsafe steps are blocked; every step is checked against W&B."
      className="wbat-offboard"
      onClose={props.onClose}
      screen={view.screen}
    >
      {/* A new screen moves focus to the top of the body (ModalDialog's `screen`). */}
      <div data-screen-focus tabIndex={-1} className="wbat-dialog-body" aria-busy={busy}>
        {error ? (
          <p className="wbat-error" role="alert">
            {error}
          </p>
        ) : null}
        {busy ? (
          <output className="wbat-status">
            <span className="wbat-spinner" aria-hidden="true" /> Reading W&B…
          </output>
        ) : null}
        {view.screen === 'pick' ? <PickScreen {...props} view={view} /> : null}
        {view.screen === 'impact' ? <ImpactScreen {...props} view={view} /> : null}
        {view.screen === 'case' ? <CaseScreen {...props} view={view} /> : null}
      </div>
    </ModalDialog>
  );
}
