/**
 * Where an opened tool is drawn: the toolkit frame's React root, loaded (with React) the first
 * time a tool's button is hovered, focused or pressed — the bar itself runs without React
 * (./toolkit.ts). Each tool's code (./load-tool.ts) runs inside its own error boundary: a tool that fails to load or to render shows which tool stopped, and the bar and the
 * other tools keep working.
 */
import { type ComponentType, StrictMode, useEffect, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ToolBoundary, ToolLoading } from '@/components/ToolBoundary';
import { loadedTool, loadTool } from './load-tool';
import type { ToolEntry, ToolProps } from './registry';
import { reportFailure } from './report';

/** The tool to draw, with what the bar hands it; null when none is open. */
export type OpenToolRequest = { entry: ToolEntry; props: ToolProps } | null;

export interface ToolHost {
  show(request: OpenToolRequest): void;
}

/**
 * A React root in `container` that draws the open tool. `onOverlayChange` is told, before paint,
 * when a dialog appears or goes: the frame then covers the page or shrinks to the bar, so a dialog
 * is never drawn into a frame the height of the bar.
 */
export function createToolHost(
  container: HTMLElement,
  onOverlayChange: (overlay: boolean) => void,
): ToolHost {
  const root = createRoot(container, { onUncaughtError: (error) => reportFailure('toolkit', error) });
  return {
    show(request) {
      root.render(
        <StrictMode>
          <Host request={request} onOverlayChange={onOverlayChange} />
        </StrictMode>,
      );
    },
  };
}

function Host({
  request,
  onOverlayChange,
}: {
  request: OpenToolRequest;
  onOverlayChange(overlay: boolean): void;
}) {
  const overlay = request !== null;
  useLayoutEffect(() => onOverlayChange(overlay), [overlay, onOverlayChange]);
  return request ? <OpenTool key={request.entry.id} entry={request.entry} {...request.props} /> : null;
}

/** One open tool: loaded on first use, inside its own error boundary. */
function OpenTool({ entry, ...props }: ToolProps & { entry: ToolEntry }) {
  const [state, setState] = useState<{ Tool?: ComponentType<ToolProps>; error?: unknown }>(() => {
    const Tool = loadedTool(entry);
    return Tool ? { Tool } : {};
  });
  useEffect(() => {
    if (state.Tool) return;
    let live = true;
    loadTool(entry).then(
      (Tool) => live && setState({ Tool }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [entry, state.Tool]);
  const { Tool } = state;
  return (
    <ToolBoundary
      label={entry.label}
      onClose={props.onClose}
      onError={(error) => reportFailure(entry.id, error)}
    >
      {'error' in state ? (
        <Rethrow error={state.error} />
      ) : Tool ? (
        <Tool {...props} />
      ) : (
        <ToolLoading label={entry.label} onClose={props.onClose} />
      )}
    </ToolBoundary>
  );
}

/** Hands a failed load to the tool's error boundary, as a render error would be. */
function Rethrow({ error }: { error: unknown }): never {
  throw error;
}
