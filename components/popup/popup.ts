/**
 * The toolbar action's popup: what the badge counts — offboarding re-check results not yet seen,
 * each with a button that opens its case (the org's members page in a new tab, the checklist open
 * on that case), and members past their last day of access (./expired-access.ts); and the
 * toolkit's options. Drawn with lit-html, like the bar: values go in as text.
 */
import { html, render, type TemplateResult } from 'lit-html';
import type { AccessExpiry } from '@/lib/access-expiry/messages';
import { sendMessage } from '@/lib/messaging/protocol';
import type { DueRecheck } from '@/lib/offboarding/messages';
import { reportFailure } from '@/lib/report';
import { type ExpiredState, expiredAccessSection } from './expired-access';

type PopupState =
  | { status: 'loading' }
  | { status: 'ready'; due: DueRecheck[] }
  | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function resultText(due: DueRecheck): string {
  const where = `${due.org} on ${new URL(due.appOrigin).host}`;
  const when = due.firedAt ? `, checked ${due.firedAt.slice(0, 10)}` : '';
  return due.result === 'back'
    ? `${due.username} is back in W&B (${where}${when}).`
    : `${due.username} is not back (${where}${when}).`;
}

function template(
  state: PopupState,
  expired: TemplateResult,
  act: { open(caseId: string): void; options(): void },
) {
  const body =
    state.status === 'loading'
      ? html`<p role="status">Reading the re-check results…</p>`
      : state.status === 'error'
        ? html`<p class="wbat-popup-error" role="alert">${state.message}</p>`
        : state.due.length === 0
          ? html`<p>No offboarding re-check results are waiting.</p>`
          : html`<ul class="wbat-popup-list" aria-label="Re-check results">
              ${state.due.map(
                (due) => html`<li>
                  <p>${resultText(due)}</p>
                  <button type="button" class="wbat-button wbat-primary" @click=${() => act.open(due.caseId)}>Open ${due.username}’s case</button>
                </li>`,
              )}
            </ul>`;
  return html`<main class="wbat-popup">
    <h1>Admin Toolkit for W&B</h1>
    <h2>Offboarding re-checks</h2>
    ${body}
    ${expired}
    <button type="button" class="wbat-button" @click=${() => act.options()}>Toolkit options</button>
  </main>`;
}

export function startPopup(root: HTMLElement | null): void {
  if (!root) return;
  let state: PopupState = { status: 'loading' };
  let expired: ExpiredState = { status: 'loading' };
  const draw = () =>
    render(template(state, expiredAccessSection(expired, offboard), { open, options }), root);
  const fail = (error: unknown) => {
    reportFailure('popup', error);
    state = { status: 'error', message: messageOf(error) };
    draw();
  };
  function open(caseId: string) {
    sendMessage('offboardOpenCase', { caseId })
      .then((reply) => {
        if (!reply.ok) throw new Error(reply.error.message);
        window.close();
      })
      .catch(fail);
  }
  function offboard({ appOrigin, org, username }: AccessExpiry) {
    sendMessage('accessExpiryOffboard', { appOrigin, org, username })
      .then((reply) => {
        if (!reply.ok) throw new Error(reply.error.message);
        window.close();
      })
      .catch(fail);
  }
  function options() {
    sendMessage('openOptions', {})
      .then(() => window.close())
      .catch(fail);
  }
  draw();
  sendMessage('offboardDue', {})
    .then((reply) => {
      if (!reply.ok) throw new Error(reply.error.message);
      state = { status: 'ready', due: reply.data };
      draw();
    })
    .catch(fail);
  sendMessage('accessExpiryDue', {})
    .then((reply) => {
      expired = reply.ok
        ? { status: 'ready', expired: reply.data }
        : { status: 'error', message: reply.error.message };
      draw();
    })
    .catch((error: unknown) => {
      reportFailure('popup', error);
      expired = { status: 'error', message: error instanceof Error ? error.message : String(error) };
      draw();
    });
}
