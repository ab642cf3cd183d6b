/**
 * The toolkit's tools, one line each: the bar's buttons come from this list, and a tool's code is
 * loaded (its own chunk) only when its button is pressed, so an admin page runs only the bar until
 * then. Each tool's UI is one folder in components/ whose container gets `ToolProps` and renders
 * its dialog, named like its label.
 */
import type { ComponentType } from 'react';
import type { ToolProps } from '@/components/shared/tool';

export type { ToolProps };

export interface ToolEntry {
  id: string;
  /** The button's label, and the name of the dialog the tool opens. */
  label: string;
  /** `more`: offered in the bar's More panel rather than on the row, which must stay one row at 1024 px. */
  placement?: 'more';
  load(): Promise<ComponentType<ToolProps>>;
}

export const TOOLS: readonly ToolEntry[] = [
  {
    id: 'invite',
    label: 'Bulk invite',
    load: () => import('@/components/invite/InviteTool').then((m) => m.InviteTool),
  },
  {
    id: 'export',
    label: 'Export members',
    load: () => import('@/components/export/ExportTool').then((m) => m.ExportTool),
  },
  {
    id: 'offboard',
    label: 'Offboard member',
    load: () => import('@/components/offboard/OffboardTool').then((m) => m.OffboardTool),
  },
  {
    id: 'audit',
    label: 'Audit log',
    placement: 'more',
    load: () => import('@/components/audit/AuditLogTool').then((m) => m.AuditLogTool),
  },
  {
    id: 'diagnostics',
    label: 'Diagnostics',
    placement: 'more',
    load: () => import('@/components/diagnostics/DiagnosticsDialog').then((m) => m.DiagnosticsDialog),
  },
  {
    id: 'hygiene',
    label: 'Seat hygiene',
    placement: 'more',
    load: () => import('@/components/hygiene/SeatHygieneDialog').then((m) => m.SeatHygieneDialog),
  },
  {
    id: 'access-expiry',
    label: 'Time-bound access',
    placement: 'more',
    load: () =>
      import('@/components/access-expiry/TimeBoundAccessDialog').then((m) => m.TimeBoundAccessDialog),
  },
  {
    id: 'reconcile',
    label: 'Reconcile with IdP',
    placement: 'more',
    load: () => import('@/components/reconcile/ReconcileTool').then((m) => m.ReconcileTool),
  },
];
