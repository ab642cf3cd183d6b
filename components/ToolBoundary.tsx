import { Component, type ReactNode } from 'react';
import { ModalDialog } from './dialog';

interface Props {
  /** The tool's label, which names its dialog. */
  label: string;
  onClose(): void;
  /** Told once when the tool fails to load or to render. */
  onError(error: unknown): void;
  children: ReactNode;
}

/**
 * One per open tool: if the tool fails to load or throws while rendering, the admin sees which tool
 * stopped and why, in a dialog they can close; the bar and the other tools keep working.
 */
export class ToolBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const message = error instanceof Error ? error.message : String(error);
    return (
      <ModalDialog title={this.props.label} onClose={this.props.onClose}>
        <div className="wbat-dialog-body">
          <p role="alert">
            {this.props.label} stopped: {message}. Nothing more was sent. The rest of the toolkit keeps
            working; close this and open the tool again, or reload the page.
          </p>
        </div>
      </ModalDialog>
    );
  }
}

/** Shown while a tool's code loads (its first opening on a page). */
export function ToolLoading({ label, onClose }: { label: string; onClose(): void }) {
  return (
    // Named apart from the tool's own dialog, which replaces it once the code has loaded.
    <ModalDialog title={`Opening ${label}…`} onClose={onClose}>
      <div className="wbat-dialog-body">
        <p role="status">Loading {label}.</p>
      </div>
    </ModalDialog>
  );
}
