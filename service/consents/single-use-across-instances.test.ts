import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { openDatabase, type Db } from '../db/database.js';
import { silentLogger } from '../logging/logger.js';
import { createRecipient } from '../recipient/recipient.js';
import { authoriseAtBank, watchCodeExchanges } from '../testing/connect-flow.js';
import { addPartner } from '../testing/partner.js';
import { BUNDLE_DIR, createTestApp } from '../testing/test-app.js';

// Two instances on one database: `a` a whole test service, `b` a second app over its own connections
// (the same identity, as instances of one deployment share it).
let a: Awaited<ReturnType<typeof createTestApp>>;
let bDb: Db;
let b: ReturnType<typeof createApp>;
let bRecipient: ReturnType<typeof createRecipient>;
beforeAll(async () => {
  a = await createTestApp();
  bDb = openDatabase(a.databaseUrl);
  bRecipient = createRecipient({ db: bDb, identity: a.recipient.identity, baseUrl: () => a.url });
  b = createApp({ db: bDb, clock: a.clock, bundleDir: BUNDLE_DIR, log: silentLogger, recipient: bRecipient });
});
afterAll(async () => {
  await bRecipient.close();
  await bDb.destroy();
  await a.close();
});

const local = { host: '127.0.0.1' };

describe('single-use things, used at two instances at once', () => {
  it('an editor link opens one session, whichever instance is asked first', async () => {
    const partner = await addPartner(a);
    const { url } = (await (await partner.call('/v1/editor-links', { method: 'POST', body: {} })).json()) as { url: string };
    const spend = (app: typeof b) =>
      app.app.request('/editor', { method: 'POST', headers: { ...local, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: new URLSearchParams({ link: new URL(url).searchParams.get('link')! }).toString() });
    const answers = await Promise.all([spend(a), spend(b), spend(a), spend(b)]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 401, 401, 401]);
  });

  it('the bank’s answer is exchanged once and makes one consent, taken at both instances at once', async () => {
    const partner = await addPartner(a);
    const flow = await authoriseAtBank(a, partner);
    const exchanges = await watchCodeExchanges(a);
    const callback = `${flow.redirect!.pathname}${flow.redirect!.search}`;
    const answers = await Promise.all([a.app.request(callback, { headers: local }), b.app.request(callback, { headers: local }), a.app.request(callback, { headers: local }), b.app.request(callback, { headers: local })]);
    exchanges.stop();
    expect(answers.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    expect(new Set(answers.map((r) => r.headers.get('location'))).size, 'one result reference for all').toBe(1);
    expect(exchanges.count, 'code exchanges at the holder').toBe(1);
    const consents = await a.db.selectFrom('consents').select('id').where('app_id', '=', partner.appId).execute();
    expect(consents).toHaveLength(1);
  });
});
