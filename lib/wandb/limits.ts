/**
 * What the toolkit will take from a W&B server before it stops, so a hostile or broken host cannot
 * exhaust the worker's memory or keep it paging for ever. Both failures are typed errors
 * (`too-large`, `too-many-pages`) with a message an admin can act on.
 */
import { WandbError } from './errors';

/**
 * Largest response body read, in bytes. The org query for 50,000 members measured 18 MB against the
 * simulator, so 64 MB leaves room for about three times that and still bounds the worker.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Bounds of one paged read (pages requested, items collected). */
export interface PageLimits {
  maxPages: number;
  maxItems: number;
}

/** 2,000 pages and 500,000 items: far beyond any organization the toolkit is built for. */
export const DEFAULT_PAGE_LIMITS: PageLimits = { maxPages: 2_000, maxItems: 500_000 };

/** The error for an answer over `maxBytes`. */
export function tooLargeError(endpoint: string, maxBytes: number): WandbError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new WandbError({
    kind: 'too-large',
    message: `${endpoint} sent an answer of more than ${mb} MB, more than any W&B answer the toolkit expects, so it stopped reading. Check that the host is a W&B server.`,
  });
}

/** The error for a paged read that went past `limits`; `what` names the list ("the users of SCIM"). */
export function tooManyPagesError(what: string, limits: PageLimits, reached: 'pages' | 'items'): WandbError {
  const bound = reached === 'pages' ? `${limits.maxPages} pages` : `${limits.maxItems} items`;
  return new WandbError({
    kind: 'too-many-pages',
    message: `W&B kept sending more of ${what} (more than ${bound}), so the toolkit stopped: the server may be misbehaving. Nothing was changed.`,
  });
}

/**
 * Counts the pages and items of one paged read; `next(items)` throws `too-many-pages` once a bound
 * is passed.
 */
export function pageCounter(what: string, limits: PageLimits = DEFAULT_PAGE_LIMITS) {
  let pages = 0;
  let items = 0;
  return {
    /** Call before requesting a page: throws when one more page would pass `maxPages`. */
    beforePage(): void {
      if (pages >= limits.maxPages) throw tooManyPagesError(what, limits, 'pages');
      pages++;
    },
    /** Call with each page's item count: throws when the total passes `maxItems`. */
    add(count: number): void {
      items += count;
      if (items > limits.maxItems) throw tooManyPagesError(what, limits, 'items');
    },
  };
}
