import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { STRICT_CSP } from '../demo/demo.routes.js';
import { notFound } from '../errors/problem.js';
import { validate } from '../errors/validate.js';
import { publicBase } from '../http/base-url.js';
import { describeRoute } from '../openapi/describe.js';
import type { ConsentEventType } from '../db/lifecycle-schema.js';
import { formatConsentDate, zoneName } from './consent-dates.js';
import { receiptWithEvents } from './consent-queries.js';
import type { Receipt } from './consent-view.js';
import { findConsentByReceipt } from './consents.repository.js';
import type { LifecycleDeps } from './lifecycle-deps.js';

const params = z.strictObject({ receiptId: z.string().regex(/^rcpt_[A-Za-z0-9]{24}$/) });

/** What the end user reads for a status and for each event of the history (never the internal names). */
const STATUS: Record<Receipt['consent']['status'], string> = { active: 'Active', expired: 'Expired', revoked: 'Stopped' };
const EVENTS: Record<Exclude<ConsentEventType, 'warned'>, string> = {
  granted: 'You gave your consent',
  amended: 'Your consent was changed',
  revoked: 'Sharing was stopped',
  expired: 'Sharing ended: the consent expired',
  'data-deleted': 'Your shared data was deleted',
  'data-deidentified': 'Your shared data was de-identified',
};

/** The receipt as a printable page; every date in the consent's own zone, named once beside the sharing period. */
export function receiptPage(r: Receipt) {
  const c = r.consent;
  const day = (iso: string) => formatConsentDate(iso, c.timeZone);
  return html`<!doctype html>
<html lang="en-AU"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>CDR receipt · ${r.recipient.brandName}</title><link rel="stylesheet" href="/sandbox/assets/bank.css" /></head>
<body><main class="bank-main">
<h1>Your data sharing receipt</h1>
<p>You gave <strong>${r.recipient.name}</strong> (accredited data recipient ${r.recipient.accreditationNumber}) your consent to collect data from <strong>${r.dataHolder.name}</strong>.</p>
<p>Status: <strong>${STATUS[c.status]}</strong>${c.endedAt ? html` since ${day(c.endedAt)}` : ''}.</p>
<h2>Why</h2><ul>${c.purposes.map((p) => html`<li><strong>${p.title}</strong>: ${p.description}</li>`)}</ul>
<h2>What data</h2><ul>${c.clusters.map((cl) => html`<li>${cl.label}<ul>${cl.permissions.map((p) => html`<li>${p}</li>`)}</ul></li>`)}</ul>
<h2>For how long</h2><p>From ${day(c.sharingStart)} until ${day(c.sharingEnd)} (${zoneName(c.timeZone)}), ${c.durationDays} days, including data back to ${day(c.retrievalFrom)}.</p>
<h2>When sharing ends</h2><p>Your data will be ${c.onRevocation === 'delete' ? 'deleted' : 'de-identified'}.</p>
<h2>How to stop sharing</h2><ul><li>${r.howToWithdraw.dashboard}</li><li>${r.howToWithdraw.alternative}</li><li>${r.howToWithdraw.atDataHolder}</li></ul>
${r.recipient.cdrPolicyUrl
  ? html`<h2>How ${r.recipient.brandName} handles your data</h2><p><a href="${r.recipient.cdrPolicyUrl}" target="_blank" rel="noopener noreferrer">Read ${r.recipient.brandName}’s CDR policy</a></p>`
  : ''}
<h2>History</h2><ul>${r.history.map((h) => html`<li>${EVENTS[h.type as keyof typeof EVENTS]} on ${day(h.at)}</li>`)}</ul>
<p class="hint">Receipt ${r.receiptId}, issued ${day(r.issuedAt)}.</p>
</main></body></html>`;
}

/**
 * `GET /receipts/{receiptId}`: the CDR receipt (Rule 4.18) at a stable, unguessable URL the end user
 * keeps — a printable page, or JSON for `Accept: application/json`.
 */
export function receiptRoutes(deps: LifecycleDeps) {
  return new Hono().get(
    '/receipts/:receiptId',
    describeRoute({ summary: 'A CDR receipt (HTML, or JSON when asked)', tags: ['Consents'], responses: { 200: { description: 'The receipt' }, 404: { description: 'Not found' } } }),
    validate('param', params),
    async (c) => {
      const consent = await findConsentByReceipt(deps.db, c.req.valid('param').receiptId);
      if (!consent) throw notFound('Receipt');
      const { receipt } = await receiptWithEvents(deps, consent, publicBase(c), deps.clock.now());
      c.header('cache-control', 'private, no-store');
      c.header('referrer-policy', 'no-referrer');
      if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(receipt);
      c.header('content-security-policy', STRICT_CSP);
      return c.html(receiptPage(receipt));
    },
  );
}
