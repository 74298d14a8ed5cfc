import SQLite from 'better-sqlite3';
import type { Ledger } from './workload.js';

type Row = Record<string, unknown>;

/**
 * Checks the database file after a crash and restart, on a connection of its own (opened and closed
 * here, so nothing of the checker's outlives a cycle). Returns one line per violation:
 *
 * - the file: `PRAGMA integrity_check` is ok and no foreign key dangles;
 * - acknowledged ⇒ present with its event: a grant's consent with its state, `granted` event, job and
 *   `consent.granted` webhook; a revocation's state with its `revoked` and data events and webhook; a
 *   published version; a refresh's job;
 * - no half-done ending: an ended consent has its data handled and no account or transaction left, an
 *   active one none handled; no transaction without its account;
 * - webhooks: whatever the outbox marks delivered reached the receiver, and none was given up.
 */
export function checkInvariants(file: string, appId: string, ledger: Ledger, received: ReadonlyMap<string, number>): string[] {
  const db = new SQLite(file, { readonly: true });
  const violations: string[] = [];
  const all = (query: string, ...params: unknown[]) => db.prepare(query).all(...params) as Row[];
  const one = (query: string, ...params: unknown[]) => db.prepare(query).get(...params) as Row | undefined;
  try {
    const integrity = all('pragma integrity_check').map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') violations.push(`integrity_check: ${integrity.join('; ')}`);
    const dangling = all('pragma foreign_key_check');
    if (dangling.length) violations.push(`foreign_key_check: ${dangling.length} dangling reference(s), e.g. ${JSON.stringify(dangling[0])}`);

    const events = (consentId: string) => new Set(all('select type from consent_events where consent_id = ?', consentId).map((r) => r.type));
    const webhook = (type: string, consentId: string) => one(`select 1 from webhook_deliveries where event_type = ? and body like ?`, type, `%"consentId":"${consentId}"%`);

    for (const grant of ledger.grants) {
      if (grant.outcome !== 'exchanged') {
        if (grant.outcome !== 'failed') violations.push(`acknowledged grant ${grant.resultRef} has no final outcome (${grant.outcome ?? 'unread'})`);
        continue;
      }
      const id = grant.consentId!;
      if (!one('select 1 from consents where id = ?', id)) violations.push(`acknowledged grant: consent ${id} missing`);
      if (!one('select 1 from consent_states where consent_id = ?', id)) violations.push(`acknowledged grant: consent ${id} has no state`);
      if (!events(id).has('granted')) violations.push(`acknowledged grant: consent ${id} has no granted event`);
      if (!one(`select 1 from jobs where consent_id = ? and kind = 'connect'`, id)) violations.push(`acknowledged grant: consent ${id} has no connection job`);
      if (!webhook('consent.granted', id)) violations.push(`acknowledged grant: consent ${id} has no consent.granted webhook`);
    }
    for (const id of ledger.revocations) {
      const state = one('select status, data_handled from consent_states where consent_id = ?', id);
      if (state?.status !== 'revoked' || !state.data_handled) violations.push(`acknowledged revocation: consent ${id} is ${JSON.stringify(state)}`);
      const seen = events(id);
      if (!seen.has('revoked') || !seen.has('data-deleted')) violations.push(`acknowledged revocation: consent ${id} has events ${[...seen].join(', ')}`);
      if (!webhook('consent.revoked', id)) violations.push(`acknowledged revocation: consent ${id} has no consent.revoked webhook`);
    }
    for (const version of ledger.publishes) {
      if (!one('select 1 from config_versions where app_id = ? and version = ?', appId, version)) violations.push(`acknowledged publish: version ${version} missing`);
    }
    for (const jobId of ledger.refreshes) {
      if (!one('select 1 from jobs where id = ?', jobId)) violations.push(`acknowledged refresh: job ${jobId} missing`);
    }

    for (const consent of all('select c.id, s.status, s.data_handled from consents c left join consent_states s on s.consent_id = c.id')) {
      const id = String(consent.id);
      const seen = events(id);
      if (!consent.status || !seen.has('granted')) violations.push(`consent ${id} half-granted: state ${String(consent.status)}, events ${[...seen].join(', ')}`);
      const held = Number(one('select (select count(*) from accounts where consent_id = ?) + (select count(*) from transactions where consent_id = ?) as n', id, id)!.n);
      if (consent.status === 'active' && consent.data_handled) violations.push(`consent ${id} is active with its data handled (${String(consent.data_handled)})`);
      if (consent.status === 'revoked' || consent.status === 'expired') {
        if (!consent.data_handled || held) violations.push(`consent ${id} ${String(consent.status)} with data half-handled: handled ${String(consent.data_handled)}, ${held} row(s) left`);
        if (!seen.has(String(consent.status)) || !(seen.has('data-deleted') || seen.has('data-deidentified'))) violations.push(`consent ${id} ${String(consent.status)} without its events: ${[...seen].join(', ')}`);
      }
    }
    const orphans = Number(one('select count(*) as n from transactions t where not exists (select 1 from accounts a where a.id = t.account_id and a.consent_id = t.consent_id)')!.n);
    if (orphans) violations.push(`${orphans} transaction(s) without their account`);

    for (const delivery of all('select event_id, delivered_at, failed_at, last_error from webhook_deliveries where delivered_at is not null or failed_at is not null')) {
      if (delivery.failed_at) violations.push(`webhook event ${String(delivery.event_id)} given up: ${String(delivery.last_error)}`);
      else if (!received.has(String(delivery.event_id))) violations.push(`webhook event ${String(delivery.event_id)} marked delivered but never received`);
    }
  } finally {
    db.close();
  }
  return violations;
}

/** What is still to do after a run: deliveries, jobs and withdrawals owed to the data holder. */
export function outstanding(file: string): { deliveries: number; jobs: number; holderRevocations: number } {
  const db = new SQLite(file, { readonly: true });
  try {
    const count = (query: string) => Number((db.prepare(query).get() as { n: number }).n);
    return {
      deliveries: count('select count(*) as n from webhook_deliveries where delivered_at is null and failed_at is null'),
      jobs: count(`select count(*) as n from jobs where status in ('queued', 'running')`),
      holderRevocations: count('select count(*) as n from holder_revocations where done_at is null'),
    };
  } finally {
    db.close();
  }
}

/** At the end, once nothing is outstanding: every event in the outbox reached the receiver. */
export function undeliveredEvents(file: string, received: ReadonlyMap<string, number>): string[] {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare('select distinct event_id from webhook_deliveries').all() as { event_id: string }[]).map((r) => r.event_id).filter((id) => !received.has(id));
  } finally {
    db.close();
  }
}
