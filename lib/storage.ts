/**
 * Every piece of extension storage, declared once with a version (WXT storage items). Nothing
 * else in the code base calls `browser.storage` directly.
 */
import { storage } from 'wxt/utils/storage';

export type DirectoryStrategy = 'org-query' | 'per-team';

/**
 * Which way of reading the member directory each W&B API origin accepted, so a server that
 * rejected the org query is not asked again after the service worker restarts. Session storage:
 * forgotten when the browser closes, so a server upgrade is picked up.
 */
export const directoryStrategyItem = storage.defineItem<Record<string, DirectoryStrategy>>(
  'session:directoryStrategy',
  { fallback: {}, version: 1 },
);
