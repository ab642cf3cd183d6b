/**
 * Checked by `npm run typecheck`, not run: a tool's handler table must answer exactly the
 * messages of its table. Each `@ts-expect-error` fails the typecheck if the error it expects
 * stops happening (a missing or an extra handler compiling).
 */
import { defineHandlers } from '@/lib/background/deps';
import { exportMessages } from '@/lib/export/messages';

const cancelled = async () => ({ cancelled: true as const });

// @ts-expect-error directoryStatus, directoryPage and directoryCancel have no handler
defineHandlers(exportMessages, () => ({ directoryLoad: async () => ({ jobId: 'job-a-1' }) }));

defineHandlers(exportMessages, () => ({
  directoryLoad: async () => ({ jobId: 'job-a-1' }),
  directoryStatus: async () => ({ status: 'loading' as const, progress: null, version: 0 }),
  directoryPage: async () => [],
  directoryCancel: cancelled,
  // @ts-expect-error not a message of this table
  directoryDelete: cancelled,
}));

defineHandlers(exportMessages, () => ({
  directoryLoad: async () => ({ jobId: 'job-a-1' }),
  directoryStatus: async () => ({ status: 'loading' as const, progress: null, version: 0 }),
  directoryPage: async () => [],
  // @ts-expect-error a reply of the wrong shape
  directoryCancel: async () => ({ cancelled: false }),
}));
