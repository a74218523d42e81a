import { z } from "zod";

// Runs in the browser before the app's own code. Zod compiles object parsers with `new Function`
// when it can, and probes for that ability when a schema is created; the Content-Security-Policy
// (proxy.ts) forbids eval, so the probe is reported as a violation even though Zod then falls
// back. Jitless from the start: no probe, the same results.
z.config({ jitless: true });
