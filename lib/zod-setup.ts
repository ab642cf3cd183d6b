/**
 * Imported first by every entrypoint that parses with zod, before any schema is defined. zod 4
 * compiles object parsers with `new Function` unless jitless, and probes for it when an object
 * schema is created; extension pages and workers forbid eval, so the probe only produced a CSP
 * refusal on the extension console (an error in Firefox) for no speed we could use.
 */
import { z } from 'zod';

z.config({ jitless: true });
