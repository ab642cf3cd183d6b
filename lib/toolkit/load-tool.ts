/**
 * Each tool's code, fetched once per page: on the first hover or focus of its button (so it is
 * usually there by the click, fetched beside React rather than after it) or on the click. Loaded
 * by hand rather than with React.lazy, whose Suspense holds revealed content back for up to 300 ms
 * after a fallback showed.
 */
import type { ComponentType } from 'react';
import type { ToolEntry, ToolProps } from './registry';

const loading = new WeakMap<ToolEntry, Promise<ComponentType<ToolProps>>>();
const loaded = new WeakMap<ToolEntry, ComponentType<ToolProps>>();

export function loadTool(entry: ToolEntry): Promise<ComponentType<ToolProps>> {
  let promise = loading.get(entry);
  if (!promise) {
    promise = entry.load().then((component) => {
      loaded.set(entry, component);
      return component;
    });
    // A failed load may be retried by the next opening.
    promise.catch(() => loading.delete(entry));
    loading.set(entry, promise);
  }
  return promise;
}

/** The tool's component if its code is already here. */
export function loadedTool(entry: ToolEntry): ComponentType<ToolProps> | undefined {
  return loaded.get(entry);
}
