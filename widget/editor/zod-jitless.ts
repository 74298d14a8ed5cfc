import { z } from 'zod';

// zod compiles validators with `new Function` when it may, and checks once, when the first schema is
// built. Under the pages' strict CSP (no 'unsafe-eval') that check is a reported violation, so turn it
// off before any schema exists: this module is the editor entry's first import.
z.config({ jitless: true });
