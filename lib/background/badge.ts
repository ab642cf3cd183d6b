/**
 * The toolbar action's badge, shared: offboarding counts its unseen re-check results and
 * time-bound access its expired members. Each sets its own part; the badge shows their sum and the
 * title joins their texts. Parts live in the worker's memory: each owner sets its part again when
 * the worker starts (a badge does not survive a browser restart either).
 */
import { settled } from '../report';

export type BadgePart = (count: number, title: string) => Promise<void>;

export function createActionBadge(show: (count: number, title: string) => Promise<void>) {
  const parts = new Map<string, { count: number; title: string }>();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    /** The setter of one owner's part (`offboard`, `access-expiry`). */
    part(owner: string): BadgePart {
      return (count, title) => {
        parts.set(owner, { count, title });
        const shown = [...parts.values()].filter((p) => p.count > 0);
        const total = shown.reduce((sum, p) => sum + p.count, 0);
        const next = queue.then(() =>
          show(
            total,
            shown
              .map((p) => p.title)
              .filter(Boolean)
              .join(' · '),
          ),
        );
        queue = settled(next);
        return next;
      };
    },
  };
}
