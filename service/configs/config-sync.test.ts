import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../schema/index.js';
import type { DraftEvent } from '../../schema/api/editor.js';
import { createApp } from '../app.js';
import { openDatabase, type Db } from '../db/database.js';
import { DraftEvents } from '../editor/draft-events.js';
import { silentLogger } from '../logging/logger.js';
import { addPartner } from '../testing/partner.js';
import { BUNDLE_DIR, createTestApp } from '../testing/test-app.js';
import { configSync } from './config-sync.js';
import { publishDraft, upsertDraft } from './configs.repository.js';

// Two instances on one database: `a` is a whole test service, `b` a second app over the same file.
let a: Awaited<ReturnType<typeof createTestApp>>;
let bDb: Db;
let b: ReturnType<typeof createApp>;
beforeAll(async () => {
  a = await createTestApp();
  bDb = openDatabase(a.databaseUrl);
  b = createApp({ db: bDb, clock: a.clock, bundleDir: BUNDLE_DIR, log: silentLogger });
});
afterAll(async () => {
  await bDb.destroy();
  await a.close();
});

describe('changes made through another instance', () => {
  it('a publish through one instance is served by the other after one sync, with the same ETag', async () => {
    const partner = await addPartner(a);
    const publish = async (brandName: string) => {
      const at = a.clock.now().toISOString();
      await upsertDraft(a.db, partner.appId, parseConfig({ consent: { brandName } }), at, 'test');
      await publishDraft(a.db, partner.appId, at, 'test');
      a.configCache.invalidate(partner.appId);
    };
    await publish('First');
    const before = await b.app.request(`/v1/apps/${partner.appId}/config`);
    expect(((await before.json()) as { consent: { brandName: string } }).consent.brandName).toBe('First');

    await publish('Second');
    const stale = await b.app.request(`/v1/apps/${partner.appId}/config`);
    expect(stale.headers.get('etag'), 'b still serves what it cached').toBe(before.headers.get('etag'));
    expect(await b.sync.once()).toBeUndefined();

    const [fromA, fromB] = await Promise.all([a.app.request(`/v1/apps/${partner.appId}/config`), b.app.request(`/v1/apps/${partner.appId}/config`)]);
    expect(((await fromB.json()) as { consent: { brandName: string } }).consent.brandName).toBe('Second');
    expect(fromB.headers.get('etag')).toBe(fromA.headers.get('etag'));
    expect(fromB.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('a draft saved through one instance reaches the previews open on the other, each revision once', async () => {
    const partner = await addPartner(a);
    const drafts = new DraftEvents();
    const sync = configSync({ db: bDb, cache: b.configCache, drafts, log: silentLogger });
    const seen: DraftEvent[] = [];
    const off = drafts.subscribe(partner.appId, (event) => seen.push(event));
    const save = (brandName: string) => upsertDraft(a.db, partner.appId, parseConfig({ consent: { brandName } }), a.clock.now().toISOString(), 'designer');
    const first = await save('Draft one');
    await sync.once();
    await sync.once();
    const second = await save('Draft two');
    await sync.once();
    off();
    expect(seen.map((e) => [e.revision, (e.config as { consent: { brandName: string } }).consent.brandName])).toEqual([
      [first, 'Draft one'],
      [second, 'Draft two'],
    ]);
  });
});
