/**
 * The toolkit's tools, one line each: the bar's buttons come from this list, and a tool's code is
 * loaded (its own chunk) only when its button is pressed, so an admin page runs only the bar until
 * then. Each tool is a component that gets `ToolProps` and renders its dialog, named like its label.
 */
import type { ComponentType } from 'react';
import type { OffboardingCase } from '../offboarding/model';
import type { DirectorySummary } from '../wandb/directory';

/** What the bar hands every tool. */
export interface ToolProps {
  pageUrl: string;
  /** The bar's figures for the page (scope, viewer, org). */
  summary: DirectorySummary;
  /** The organization the page belongs to. */
  org: string;
  onClose(): void;
  /** Offboarding cases changed: the bar counts the open ones. */
  onCasesChanged(cases: OffboardingCase[]): void;
}

export interface ToolEntry {
  id: string;
  /** The button's label, and the name of the dialog the tool opens. */
  label: string;
  load(): Promise<ComponentType<ToolProps>>;
}

export const TOOLS: readonly ToolEntry[] = [
  { id: 'invite', label: 'Bulk invite', load: () => import('./invite/InviteTool').then((m) => m.InviteTool) },
  {
    id: 'export',
    label: 'Export members',
    load: () => import('./export/ExportTool').then((m) => m.ExportTool),
  },
  {
    id: 'offboard',
    label: 'Offboard member',
    load: () => import('./offboard/OffboardTool').then((m) => m.OffboardTool),
  },
];
