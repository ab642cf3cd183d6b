import { useEffect, useRef, useState } from 'react';
import type { LinkUse, SamePersonLink } from '@/lib/reconcile/types';
import { ConfirmStep } from '../shared/ConfirmStep';

const STATE_TEXT: Record<LinkUse['state'], string> = {
  applied: 'applied',
  'not-in-export': 'not used: the address is not in this export',
  'not-a-member': 'not used: no member has this username now',
};

/** The same-person links kept for this organization, how this reconciliation used each, and removing one. */
export function LinksSection({
  links,
  uses,
  error,
  onUnlink,
}: {
  links: readonly SamePersonLink[];
  /** How the shown result used them; null before there is one. */
  uses: readonly LinkUse[] | null;
  error: string | null;
  onUnlink(username: string): Promise<boolean>;
}) {
  const stateOf = new Map(uses?.map((use) => [use.link.username, use.state]));
  const heading = useRef<HTMLHeadingElement>(null);
  // A removed link's line goes with its buttons: once the list is drawn without it, focus goes to
  // the list's heading rather than the page.
  const [removed, setRemoved] = useState(0);
  useEffect(() => {
    if (removed > 0) heading.current?.focus();
  }, [removed]);
  return (
    <section className="wbat-section" aria-label="Same-person links">
      <h3 ref={heading} tabIndex={-1} className="wbat-section-title">
        Same-person links: {links.length}
      </h3>
      <p className="wbat-hint">
        Kept on this device for this W&B host and organization, and applied to every reconciliation: a member
        and an address of the export that are the same person.
      </p>
      {error ? (
        <p className="wbat-error" role="alert">
          {error}
        </p>
      ) : null}
      {links.length > 0 ? (
        <ul className="wbat-plain" aria-label="Links">
          {links.map((link) => {
            const state = stateOf.get(link.username);
            return (
              <li key={link.username}>
                {link.username}
                {link.memberEmail ? ` (${link.memberEmail})` : ''} is {link.idpEmail} in the identity provider
                {state ? ` — ${STATE_TEXT[state]}` : ''}; linked {link.linkedAt.slice(0, 10)}.{' '}
                <ConfirmStep
                  ask={`Remove the link of ${link.username}`}
                  question={`Remove the link of ${link.username}?`}
                  keep="Keep link"
                  confirm="Remove link"
                  onConfirm={async () => {
                    if (!(await onUnlink(link.username))) throw new Error('not removed');
                    setRemoved((count) => count + 1);
                  }}
                >
                  {link.username} is then matched by their W&B address only. Nothing changes on W&B.
                </ConfirmStep>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
