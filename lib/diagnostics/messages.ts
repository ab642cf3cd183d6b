/**
 * Diagnostics: its messages, declared once (schema, allowed senders, reply type). Handlers:
 * lib/diagnostics/background.ts. Run `npm run docs` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';
import type { DiagnosticsReport } from './report';

export const diagnosticsMessages = {
  diagnosticsRun: message<DiagnosticsReport>()({
    doc: 'The Diagnostics dialog runs the read-only checks against its page’s W&B host and gets the report (no member data; the key as its last 4).',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
};
