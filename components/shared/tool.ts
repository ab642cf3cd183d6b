/**
 * What the toolkit bar hands every tool (lib/toolkit/registry.ts names the tools). Declared on the
 * UI side so a tool's folder in components/ needs nothing from lib/toolkit/: the bar imports the
 * tools, never the other way round.
 */
import type { OffboardingCase } from '@/lib/offboarding/model';
import type { DirectorySummary } from '@/lib/wandb/directory';

export interface ToolProps {
  pageUrl: string;
  /** The bar's figures for the page (scope, viewer, org). */
  summary: DirectorySummary;
  /** The organization the page belongs to. */
  org: string;
  onClose(): void;
  /** Offboarding cases changed: the bar counts the open ones. */
  onCasesChanged(cases: OffboardingCase[]): void;
  /**
   * What the tool was opened on, when the background or another tool asked for it (offboarding:
   * lib/offboarding/launch.ts).
   */
  launch?: string;
  /** Closes this tool and opens another of the bar's tools, on `launch` when given. */
  onOpenTool(id: string, launch?: string): void;
}
