import { z } from 'zod';
import { appearanceSchema } from './appearance.js';
import { consentSchema } from './consent.js';
import { flowSchema } from './flow.js';
import { institutionsSchema } from './institutions.js';

/** The whole config document: one per application, the four sections of the editor's four tabs. */
export const configSchema = z.strictObject({
  consent: consentSchema.prefault({}),
  appearance: appearanceSchema.prefault({}),
  institutions: institutionsSchema.prefault({}),
  flow: flowSchema.prefault({}),
});

/** A config as the service stores and the widget renders it: every field present. */
export type Config = z.output<typeof configSchema>;
/** A config as a partner or the editor may write it: any field may be left out. */
export type ConfigInput = z.input<typeof configSchema>;
export type ConsentPolicy = Config['consent'];
export type Appearance = Config['appearance'];
export type InstitutionsSelection = Config['institutions'];
export type FlowPreferences = Config['flow'];
export type Purpose = ConsentPolicy['purposes'][number];
export type Permission = ConsentPolicy['permissions'][number];
