import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../logging/logger.js';
import { authoriseAtBank, grant } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { createTestApp } from '../testing/test-app.js';

const log = memoryLogger();
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp({ log });
});
afterAll(() => t.close());

describe('one full exchange with the data holder, as logged', () => {
  it('logs PAR → authorise → JARM → token → CDS calls → revocation, with no secret in any line', async () => {
    const partner = await addPartner(t);
    const flow = await authoriseAtBank(t, partner);
    const outcome = (await (await grant(t, flow)).json()) as { consentId: string };
    const sealed = await t.db.selectFrom('arrangement_tokens').selectAll().where('consent_id', '=', outcome.consentId).executeTakeFirstOrThrow();
    const vault = await t.recipient.vault();
    const secrets = [await vault.open(sealed.access_token), await vault.open(sealed.refresh_token!)];
    expect((await partner.call(`/v1/consents/${outcome.consentId}`, { method: 'DELETE' })).status).toBe(200);
    await t.lifecycle.scheduler.tick();

    const lines = log.entries.filter((e) => e.msg.startsWith('cdr '));
    const steps = lines.map((e) => (e.msg === 'cdr call' ? `${String(e.method)} ${new URL(String(e.url)).pathname} ${String(e.status)}` : e.msg));
    const order = [
      /^POST .*\/par 201$/, // PAR, over mutual TLS
      /^cdr authorise$/,
      /^cdr answer$/,
      /^POST .*\/token 200$/,
      /^GET \/cds-au\/v1\/banking\/accounts 200$/,
      /^GET \/cds-au\/v1\/banking\/accounts\/[^/]+\/transactions 200$/,
      /^POST \/arrangements\/revoke 204$/,
    ];
    let at = 0;
    for (const step of order) {
      const found = steps.findIndex((s, i) => i >= at && step.test(s));
      expect(found, `${step} after ${steps[at - 1] ?? 'the start'} in:\n${steps.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    const cds = lines.find((e) => e.msg === 'cdr call' && String(e.url).includes('/cds-au/v1/banking/accounts?'))!;
    expect(cds).toMatchObject({ xv: '3', answeredXv: '3', interactionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const text = JSON.stringify(log.entries);
    for (const secret of secrets) expect(text).not.toContain(secret);
    const answer = flow.redirect!.searchParams.get('response')!;
    expect(text).not.toContain(answer);
    if (process.env.PRINT_CDR_EXCHANGE) console.log(lines.map((e) => JSON.stringify(e)).join('\n'));
  });
});
