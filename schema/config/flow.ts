import { z } from 'zod';
import { DEFAULT_CONFIG } from '../defaults.js';
import { optionalSafeUrl, text } from '../primitives.js';

const DEFAULTS = DEFAULT_CONFIG.flow;

export const flowSchema = z.strictObject({
  skipSuccessScreen: z.boolean().default(DEFAULTS.skipSuccessScreen),
  allowMultipleConnections: z.boolean().default(DEFAULTS.allowMultipleConnections),
  gtmId: z
    .string()
    .trim()
    .regex(/^(GTM-[A-Z0-9]{4,12})?$/, { error: 'Use a Google Tag Manager id like GTM-ABC1234, or leave it empty' })
    .default(DEFAULTS.gtmId),
  /** Where the end user goes when the journey ends; validated so it can never be a script or open redirect. */
  redirectUrl: optionalSafeUrl.default(DEFAULTS.redirectUrl),
  /** The partner's name in "leave and go back to …". */
  referenceName: text(60).default(DEFAULTS.referenceName),
  manageConsentUrl: optionalSafeUrl.default(DEFAULTS.manageConsentUrl),
});
