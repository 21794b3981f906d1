/**
 * Imported first by every worker entry: zod must never compile parsers with `new Function` in a worker either.
 * The app's CSP forbids eval; a worker from a static host may get no policy of its own, so the rule is set
 * here rather than left to the browser (issue 8 §3; the page does the same in hooks.client.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
