import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveSharingDuration, MAX_SHARING_DURATION_S } from './arrangements.js';
import { certificateThumbprint } from './mtls.js';
import { authorise, type TestRecipient } from './test-recipient.js';
import { bank, recipients, revokeArrangement, server, useAuthorisationServer } from './test-server.js';

useAuthorisationServer(2);
let recipient: TestRecipient;
let other: TestRecipient;

beforeAll(() => {
  [recipient, other] = recipients as [TestRecipient, TestRecipient];
});


const access = (r: TestRecipient, accessToken: string) => server.verifyAccess({ accessToken, clientCertificateThumbprint: certificateThumbprint(r.clientCertificate.cert) });


describe('sharing duration (Request Object: Requesting Sharing Duration)', () => {
  it('caps at one year, treats absent as one-off and refuses negatives', () => {
    expect(effectiveSharingDuration(String(2 * MAX_SHARING_DURATION_S))).toBe(MAX_SHARING_DURATION_S);
    expect(effectiveSharingDuration(undefined)).toBe(0);
    expect(() => effectiveSharingDuration('-5')).toThrow(RangeError);
  });

  it('gives a one-off collection an access token and no refresh token', async () => {
    const { callback, checks } = await authorise(recipient, bank);
    const tokens = await client.authorizationCodeGrant(recipient.config, callback, checks);
    expect(tokens.refresh_token).toBeUndefined();
    expect(await access(recipient, tokens.access_token)).toMatchObject({ customerId: 'jsmith' });
  });
});

describe('sharing_duration and cdr_arrangement_id inside `claims`, as the standard\'s examples send them', () => {
  it('are honoured like top-level ones', async () => {
    const claims = (extra: object) => JSON.stringify({ id_token: { acr: { essential: true, values: ['urn:cds.au:cdr:2'] } }, ...extra });
    const first = await authorise(recipient, bank, { claims: claims({ sharing_duration: 7_776_000 }) });
    const tokens = await client.authorizationCodeGrant(recipient.config, first.callback, first.checks);
    const introspected = await client.tokenIntrospection(recipient.config, tokens.refresh_token!);
    expect(introspected.exp).toBeGreaterThan(Date.now() / 1000 + 7_776_000 - 60);

    const second = await authorise(recipient, bank, { claims: claims({ sharing_duration: 86_400, cdr_arrangement_id: tokens.cdr_arrangement_id }) });
    const amended = await client.authorizationCodeGrant(recipient.config, second.callback, second.checks);
    expect(amended.cdr_arrangement_id).toBe(tokens.cdr_arrangement_id);
  });

  it('are refused at PAR when negative or unknown', async () => {
    await expect(authorise(recipient, bank, { claims: JSON.stringify({ id_token: {}, sharing_duration: -1 }) })).rejects.toMatchObject({ error: 'invalid_request' });
    await expect(authorise(recipient, bank, { claims: JSON.stringify({ id_token: {}, cdr_arrangement_id: randomUUID() }) })).rejects.toMatchObject({ error: 'invalid_request' });
  });
});

describe('an existing arrangement (Request Object: Specifying an existing arrangement)', () => {
  it('is amended under the same id; the old tokens go once the new ones are issued', async () => {
    const first = await authorise(recipient, bank, { sharing_duration: '86400' });
    const old = await client.authorizationCodeGrant(recipient.config, first.callback, first.checks);
    const arrangementId = old.cdr_arrangement_id as string;

    const second = await authorise(recipient, bank, { sharing_duration: '864000', cdr_arrangement_id: arrangementId }, { accountIds: ['jsmith-card'] });
    expect(await access(recipient, old.access_token)).toBeDefined();
    const amended = await client.authorizationCodeGrant(recipient.config, second.callback, second.checks);
    expect(amended.cdr_arrangement_id).toBe(arrangementId);
    expect(await access(recipient, amended.access_token)).toMatchObject({ arrangementId, accountIds: ['jsmith-card'] });
    expect(await access(recipient, old.access_token)).toBeUndefined();
    await expect(client.refreshTokenGrant(recipient.config, old.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await client.tokenIntrospection(recipient.config, amended.refresh_token!)).exp).toBeGreaterThan(Date.now() / 1000 + 863_000);
  });

  it('is refused for another customer, and for another client', async () => {
    const mine = await authorise(recipient, bank, { sharing_duration: '86400' });
    const { cdr_arrangement_id: arrangementId } = await client.authorizationCodeGrant(recipient.config, mine.callback, mine.checks);

    const stranger = await authorise(recipient, bank, { sharing_duration: '86400', cdr_arrangement_id: String(arrangementId) }, { loginId: 'jwilson', accountIds: ['jwilson-everyday'] });
    expect(decodeJwt(stranger.callback.searchParams.get('response')!)).toMatchObject({ error: 'access_denied' });

    await expect(authorise(other, bank, { cdr_arrangement_id: String(arrangementId) })).rejects.toMatchObject({ error: 'invalid_request' });
    expect((await revokeArrangement(other, String(arrangementId))).status).toBe(422);
    expect((await revokeArrangement(recipient, String(arrangementId))).status).toBe(204);
  });
});

describe('the consumer pages', () => {
  it('send a cancellation back to the recipient as access_denied', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const jar = await client.buildAuthorizationUrlWithJAR(recipient.config, {
      redirect_uri: recipient.redirectUri, scope: 'openid bank:accounts.basic:read', response_type: 'code', response_mode: 'jwt', state: 's', nonce: 'n',
      code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }, recipient.privateKey);
    const url = await client.buildAuthorizationUrlWithPAR(recipient.config, jar.searchParams);
    const interaction = new URL((await bank.request(url.toString())).headers.get('location')!, url);
    const page = await (await bank.request(interaction.toString())).text();
    expect(page).toContain('Budget Buddy');
    expect(page).toContain('Customer ID');
    expect((await bank.request(`${interaction}/login`, { form: { loginId: 'jsmith' } })).status).toBe(303);
    const otp = await bank.request(`${interaction}/otp`, { form: { otp: '123456' } });
    expect(otp.status).toBe(400);
    expect(await otp.text()).toContain('That one-time password is not right.');
    const res = await bank.request(`${interaction}/cancel`, { form: {} });
    const resumed = await bank.request(new URL(res.headers.get('location')!, url).toString());
    const back = new URL(resumed.headers.get('location')!);
    expect(decodeJwt(back.searchParams.get('response')!)).toMatchObject({ error: 'access_denied', state: 's' });
  });
});
