/**
 * Set on the content scripts' isolated world once the toolkit UI bundle runs, so the route watcher
 * never asks for it twice. The isolated world is shared by all of this extension's content
 * scripts in a frame and invisible to the page's own scripts.
 */
const FLAG = '__wandbAdminToolkitUi';

/** True once the UI bundle is running in this frame. */
export function isToolkitLoaded(): boolean {
  return (globalThis as Record<string, unknown>)[FLAG] === true;
}

/** Marks the UI bundle as running; returns false when it already was. */
export function markToolkitLoaded(): boolean {
  if (isToolkitLoaded()) return false;
  (globalThis as Record<string, unknown>)[FLAG] = true;
  return true;
}
