import { z } from 'zod';
import { CLUSTER_SCOPES } from '../cdr/data-language.js';
import { slug } from '../primitives.js';
import { pageQuery, pageQuerySchema } from './pagination.js';

/** `POST /v1/session/authorisations`: hand over to the bank for the institution the user picked. */
export const startAuthorisationSchema = z.strictObject({
  institutionId: slug,
  /** Optional clusters the user ticked (required ones are always included). */
  clusters: z.array(z.enum(CLUSTER_SCOPES, { error: 'Unknown data cluster scope' })).max(CLUSTER_SCOPES.length).default([]),
  /** The page to come back to; must be on an allowed origin of the application. */
  returnUrl: z.string().max(2048, { error: 'At most 2048 characters' }),
  /** `redirect`: the bank's page replaces the partner's, which the service returns to; `popup`: a window beside it. */
  mode: z.enum(['redirect', 'popup'], { error: 'Choose "redirect" or "popup"' }),
  /** An active consent of this user at this bank to change, instead of adding another (Rule 4.12C). */
  amend: z.string().min(1).max(64).optional(),
});
export type StartAuthorisationInput = z.infer<typeof startAuthorisationSchema>;

export const authorisationStartedSchema = z.strictObject({ id: z.string(), url: z.string(), expiresAt: z.string() });

export const authorisationStatusSchema = z.strictObject({
  id: z.string(),
  institutionId: z.string(),
  /** Once exchanged: the consent and the job retrieving its data. */
  consentId: z.string().optional(),
  jobId: z.string().optional(),
  receiptUrl: z.string().optional(),
  /** Once exchanged: the consent's own clusters, end and time zone (what the success step states). */
  clusters: z.array(z.string()).optional(),
  sharingEnd: z.string().optional(),
  timeZone: z.string().optional(),
  /** Once the data is in: the accounts the end user chose, as the bank names them. */
  accounts: z.array(z.strictObject({ name: z.string(), number: z.string().optional() })).optional(),
  status: z.enum(['pending', 'authorised', 'failed', 'cancelled', 'exchanged']),
  error: z.strictObject({ code: z.string(), detail: z.string() }).optional(),
});

export const CONSENT_STATUSES = ['active', 'expired', 'revoked'] as const;

const clusterView = z.strictObject({ scope: z.string(), label: z.string(), permissions: z.array(z.string()) });

/** A consent as partners and the manager see it: the terms in force, its status and its receipt. */
export const consentViewSchema = z.strictObject({
  id: z.string(),
  userId: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  status: z.enum(CONSENT_STATUSES),
  expiringSoon: z.boolean(),
  grantedAt: z.string(),
  sharingStart: z.string(),
  sharingEnd: z.string(),
  durationDays: z.number(),
  retrievalFrom: z.string(),
  retrievalSpanDays: z.number(),
  clusters: z.array(clusterView),
  purposes: z.array(z.strictObject({ id: z.string(), title: z.string(), description: z.string() })),
  accountIds: z.array(z.string()),
  onRevocation: z.enum(['delete', 'deidentify']),
  retainData: z.boolean(),
  dataHandled: z.enum(['delete', 'deidentify']).nullable(),
  configVersion: z.number(),
  receiptUrl: z.string(),
  endedAt: z.string().nullable(),
  /** The IANA zone every date of this consent is stated in to the end user (`consent.timeZone` at grant). */
  timeZone: z.string(),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

export const consentEventSchema = z.strictObject({ id: z.string(), type: z.string(), at: z.string(), actor: z.string(), payload: z.record(z.string(), z.unknown()) });

/** `DELETE /v1/consents/{id}` and the manager: revoke, electing deletion where the policy de-identifies (Rule 4.16). */
export const revokeQuerySchema = z.object({
  deleteData: z.enum(['true', 'false'], { error: 'Use true or false' }).optional(),
});

/** `GET /v1/users/{id}/transactions`. */
export const transactionsQuerySchema = z.object({
  accountId: z.string().max(64).optional(),
  consentId: z.string().max(64).optional(),
  from: z.iso.datetime({ error: 'Use an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' }).optional(),
  to: z.iso.datetime({ error: 'Use an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z' }).optional(),
  limit: z.coerce.number({ error: 'Use a whole number' }).int({ error: 'Use a whole number' }).min(1, { error: 'At least 1' }).max(500, { error: 'At most 500' }).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

/**
 * `GET /v1/session/consents`: the consent manager reads the first page only, so it defaults to 50,
 * more than a user normally has; a page is still at most 100.
 */
export const sessionConsentsQuerySchema = pageQuery({ defaultLimit: 50 });

/** `GET /v1/users/{id}/accounts`: a page of accounts, by id. */
export const accountsQuerySchema = pageQuerySchema.extend({ consentId: z.string().max(64).optional() });

/** `POST /v1/session/renewals` (a manage session): renew one of the user's active consents. */
export const renewalSchema = z.strictObject({ consentId: z.string().min(1).max(64) });
export const renewalStartedSchema = z.strictObject({ url: z.string(), expiresAt: z.string() });

/** Events a webhook endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ['consent.granted', 'consent.amended', 'consent.revoked', 'consent.warning', 'consent.expired', 'connection.refreshed', 'job.failed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** `POST /v1/webhooks`. */
export const createWebhookSchema = z.strictObject({
  url: z.url({ error: 'Use a full https URL' }).max(2048).refine((u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(u), { error: 'Use https (http only for localhost)' }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `Use one of: ${WEBHOOK_EVENTS.join(', ')}` }))
    .min(1, { error: 'Subscribe to at least one event' }),
});

/** A webhook endpoint as listed (`GET /v1/webhooks`): its signing secret is shown only at creation. */
export const webhookEndpointSchema = z.strictObject({ id: z.string(), url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: z.string() });

/** One event's delivery to an endpoint, with its attempts (`GET /v1/webhooks/{id}/deliveries`). */
export const webhookDeliverySchema = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  eventType: z.enum(WEBHOOK_EVENTS),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
