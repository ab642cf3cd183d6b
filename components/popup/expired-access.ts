/**
 * The popup's "Expired access" part: every member past their last day of access (Time-bound
 * access), of every host and org, each with a button that opens the offboarding checklist on them
 * (their org's members page in a new tab). Values go in as text (lit-html).
 */
import { html, type TemplateResult } from 'lit-html';
import type { AccessExpiry } from '@/lib/access-expiry/messages';

export type ExpiredState =
  | { status: 'loading' }
  | { status: 'ready'; expired: AccessExpiry[] }
  | { status: 'error'; message: string };

function expiredText(e: AccessExpiry): string {
  const note = e.note ? ` — ${e.note}` : '';
  return `${e.name || e.username} (${e.username}, ${e.org} on ${new URL(e.appOrigin).host}): last day ${e.lastDay}${note}.`;
}

export function expiredAccessSection(
  state: ExpiredState,
  offboard: (entry: AccessExpiry) => void,
): TemplateResult {
  const body =
    state.status === 'loading'
      ? html`<p role="status">Reading the last days of access…</p>`
      : state.status === 'error'
        ? html`<p class="wbat-popup-error" role="alert">${state.message}</p>`
        : state.expired.length === 0
          ? html`<p>No member is past their last day of access.</p>`
          : html`<ul class="wbat-popup-list" aria-label="Expired access">
              ${state.expired.map(
                (e) => html`<li>
                  <p>${expiredText(e)}</p>
                  <button type="button" class="wbat-button wbat-primary" @click=${() => offboard(e)}>Offboard ${e.username}</button>
                </li>`,
              )}
            </ul>`;
  return html`<h2>Expired access</h2>${body}`;
}
