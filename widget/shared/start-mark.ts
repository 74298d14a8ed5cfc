// Imported first by widget/index.ts, so it runs before anything else in the bundle: the start of script
// execution for the first-paint bench (scripts/bench-first-paint.mjs) and for partners' own timing.
performance.mark?.('consent-ui:start');
