import { z } from 'zod';
import { configSchema } from '../config/config.js';

export const SESSION_PURPOSES = ['connect', 'manage', 'extend'] as const;
export type SessionPurpose = (typeof SESSION_PURPOSES)[number];

/** Default session lifetime (docs/contract.md §3) and the longest, for links sent by e-mail or SMS. */
export const SESSION_TTL_DEFAULT_SECONDS = 1800;
export const SESSION_TTL_MAX_SECONDS = 7 * 24 * 3600;

/** `POST /v1/sessions`: a session for one end user; `extend` names the consent it extends. */
export const createSessionSchema = z
  .strictObject({
    userId: z.string().min(1, { error: 'Required' }).max(64, { error: 'At most 64 characters' }),
    purpose: z.enum(SESSION_PURPOSES, { error: `Use one of: ${SESSION_PURPOSES.join(', ')}` }),
    consentId: z.string().min(1).max(64, { error: 'At most 64 characters' }).optional(),
    /** Opaque to the service; handed back to the partner when the journey ends. */
    state: z.string().max(512, { error: 'At most 512 characters' }).optional(),
    ttlSeconds: z
      .number()
      .int({ error: 'Use a whole number of seconds' })
      .min(60, { error: 'At least 60 seconds' })
      .max(SESSION_TTL_MAX_SECONDS, { error: `At most ${SESSION_TTL_MAX_SECONDS} seconds (7 days)` })
      .default(SESSION_TTL_DEFAULT_SECONDS),
  })
  .superRefine((session, ctx) => {
    if (session.purpose === 'extend' && session.consentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['consentId'], message: 'Required when purpose is "extend"' });
    }
    if (session.purpose !== 'extend' && session.consentId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['consentId'], message: 'Only allowed when purpose is "extend"' });
    }
  });
export type CreateSession = z.infer<typeof createSessionSchema>;

/** The answer to `POST /v1/sessions`: the token is shown once; `url` is the hosted page for it. */
export const createdSessionSchema = z.strictObject({
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
});
export type CreatedSession = z.infer<typeof createdSessionSchema>;

/** `GET /v1/session` (session token): what the widget needs to start — whose journey, and its config. */
export const sessionInfoSchema = z.strictObject({
  application: z.strictObject({
    id: z.string(),
    name: z.string(),
    environment: z.enum(['sandbox', 'production']),
  }),
  user: z.strictObject({ id: z.string() }),
  purpose: z.enum(SESSION_PURPOSES),
  consentId: z.string().nullable(),
  state: z.string().nullable(),
  expiresAt: z.string(),
  /** The published config version the session renders. */
  configVersion: z.number().int(),
  config: configSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
