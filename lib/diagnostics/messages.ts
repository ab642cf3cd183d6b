/**
 * Diagnostics: its messages, declared once (schema, allowed senders, reply type). Handlers:
 * lib/diagnostics/background.ts. Run `npm run docs` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { appOrigin, pageUrl } from '../messaging/fields';
import type { DiagnosticsReport } from './report';

export const diagnosticsMessages = {
  diagnosticsRun: message<DiagnosticsReport>()({
    doc: 'The Diagnostics dialog runs the read-only checks against its page’s W&B host and gets the report (no member data; the key as its last 4).',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
  diagnosticsRunForHost: message<DiagnosticsReport>()({
    doc: 'The options page runs the same checks against a chosen host (wandb.ai or an added one) and organization.',
    schema: z.object({ appOrigin, org: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/) }).strict(),
    senders: ['extension-page'],
  }),
};
