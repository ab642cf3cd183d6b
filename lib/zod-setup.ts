/**
 * Imported first by every entrypoint that parses with zod, before any schema is defined. zod 4
 * compiles object parsers with `new Function` unless jitless, and probes for it when an object
 * schema is created; extension pages and workers forbid eval, so the probe only produced a CSP
 * refusal on the extension console (an error in Firefox) for no speed we could use.
 */
import * as z from 'zod/mini';

// One setting for classic and mini schemas alike (they share zod's core); zod/mini keeps the
// toolkit frame's first bundle free of the classic API.
z.config({ jitless: true });
