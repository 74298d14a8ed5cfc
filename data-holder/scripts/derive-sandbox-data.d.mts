/** Types for derive-sandbox-data.mjs, so its tests type-check. */
import type { DsbCustomer } from '../data/dsb-customers.js';

export function derive(source: unknown): DsbCustomer[];
