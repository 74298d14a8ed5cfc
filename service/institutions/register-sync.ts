import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Recipient } from '../recipient/recipient.js';
import type { RegisterBrand } from '../recipient/register-client.js';
import type { InstitutionStatus } from '../../schema/index.js';
import { BRAND_PRESENTATION } from './brand-presentation.js';

/** CDS Common "Get Status" as a data holder reports it, mapped to what the widget shows. */
const STATUS: Record<string, InstitutionStatus> = { OK: 'operational', PARTIAL_FAILURE: 'degraded', UNAVAILABLE: 'down', SCHEDULED_OUTAGE: 'down' };

const monogramColour = (id: string) => `#${[...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7).toString(16).padStart(6, '0').slice(-6)}`;

/**
 * The institutions list, as the CDR Register has it (Get Data Holder Brands): each active brand with
 * where its authorisation server and resource APIs are, and its logo; its status from the brand's own
 * Get Status. Brands the Register no longer lists stay (consents refer to them) but cannot be connected.
 * How they are shown (short name, tier) is this recipient's own (brand-presentation.ts).
 */
export async function syncInstitutionsFromRegister(deps: { db: Db; clock: Clock; log: Logger; recipient: Recipient }): Promise<{ brands: number }> {
  const { db, clock } = deps;
  const brands = await deps.recipient.brands();
  const at = clock.now().toISOString();
  const listed = new Set<string>();
  for (const brand of brands) {
    if (brand.status !== 'ACTIVE') continue;
    listed.add(brand.dataHolderBrandId);
    const presentation = BRAND_PRESENTATION[brand.dataHolderBrandId];
    const status = await statusOf(deps.recipient, brand).catch(() => ({ status: 'degraded' as const, reason: 'The data holder did not report its status.' }));
    await db
      .insertInto('institutions')
      .values({
        id: brand.dataHolderBrandId,
        name: brand.brandName,
        short_name: presentation?.shortName ?? brand.brandName,
        country: 'AU',
        type: 'cdr',
        tier: presentation?.tier ?? 3,
        sandbox: presentation?.sandbox ? 1 : 0,
        brand_color: monogramColour(brand.dataHolderBrandId),
        status: status.status,
        status_reason: status.reason,
        status_since: at,
        issuer: brand.endpointDetail.infosecBaseUri,
        resource_base_uri: brand.endpointDetail.resourceBaseUri,
        public_base_uri: brand.endpointDetail.publicBaseUri,
        logo_uri: brand.logoUri,
        logo: null,
        logo_type: null,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          short_name: eb.ref('excluded.short_name'),
          tier: eb.ref('excluded.tier'),
          sandbox: eb.ref('excluded.sandbox'),
          issuer: eb.ref('excluded.issuer'),
          resource_base_uri: eb.ref('excluded.resource_base_uri'),
          public_base_uri: eb.ref('excluded.public_base_uri'),
          logo_uri: eb.ref('excluded.logo_uri'),
          // A logo kept from another address is fetched again.
          logo: eb.case().when('institutions.logo_uri', '=', eb.ref('excluded.logo_uri')).then(eb.ref('institutions.logo')).else(null).end(),
          status: eb.ref('excluded.status'),
          status_reason: eb.ref('excluded.status_reason'),
        })),
      )
      .execute();
  }
  await fetchLogos(deps);
  // Known before, gone from the Register now: shown as unavailable, never handed over to.
  const gone = await db.selectFrom('institutions').select('id').where('issuer', 'is not', null).execute();
  for (const row of gone.filter((r) => !listed.has(r.id))) {
    await db.updateTable('institutions').set({ issuer: null, resource_base_uri: null, status: 'down', status_reason: 'No longer listed by the CDR Register.', status_since: at }).where('id', '=', row.id).execute();
  }
  return { brands: listed.size };
}

async function statusOf(recipient: Recipient, brand: RegisterBrand): Promise<{ status: InstitutionStatus; reason: string | null }> {
  const body = (await recipient.publicGet(`${brand.endpointDetail.publicBaseUri.replace(/\/$/, '')}/cds-au/v1/discovery/status`, '1')) as { data?: { status?: string; explanation?: string } };
  const status = STATUS[body.data?.status ?? ''] ?? 'degraded';
  return { status, reason: status === 'operational' ? null : (body.data?.explanation ?? 'The data holder reports a problem.') };
}

/**
 * Brands' logos, fetched once per logo address and kept, so the widget loads them from the service's
 * origin (its CSP) and the holder is not asked on every page view; a logo that cannot be had leaves the
 * generated monogram in its place.
 */
async function fetchLogos(deps: { db: Db; log: Logger; recipient: Recipient }) {
  const missing = await deps.db.selectFrom('institutions').select(['id', 'logo_uri']).where('logo_uri', 'is not', null).where('logo', 'is', null).execute();
  for (const row of missing) {
    const logo = await deps.recipient.logo(row.logo_uri!).catch((error: unknown) => {
      deps.log.warn({ msg: 'brand logo not fetched', institutionId: row.id, error: (error as Error).message });
      return undefined;
    });
    if (logo) await deps.db.updateTable('institutions').set({ logo: logo.bytes.toString('base64'), logo_type: logo.type }).where('id', '=', row.id).where('logo_uri', '=', row.logo_uri).execute();
  }
}
