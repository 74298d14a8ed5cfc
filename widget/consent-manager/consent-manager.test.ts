import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ConsentManager } from './consent-manager.js';
import '../index.js';

/** Real consents, granted through the sandbox bank by the real service, and a manage session for their user. */
async function manageSession(query = 'consents=2') {
  const response = await fetch(`/__fixtures/manage-session?${query}`, { method: 'POST' });
  return (await response.json()) as { token: string };
}

async function managerFor(query?: string) {
  const { token } = await manageSession(query);
  const el = await fixture<ConsentManager>(html`<consent-manager .service=${location.origin} session=${token}></consent-manager>`);
  await waitFor(() => el.shadowRoot!.querySelectorAll('.consent').length > 0, 'the consents');
  return el;
}

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const root = (el: ConsentManager) => el.shadowRoot!;

describe('<consent-manager>', () => {
  it('lists what is shared, since and until when, with the receipt, and is accessible', async () => {
    const el = await managerFor();
    const cards = [...root(el).querySelectorAll('.consent')];
    expect(cards).to.have.length(2);
    // One consent per bank: the fixture's two are at two banks, granted at the same (fake) time.
    const texts = cards.map((card) => card.textContent!.replace(/\s+/g, ' '));
    expect(texts.map((t) => (t.includes('Sandbox Credit Union') ? 'Sandbox Credit Union' : t.includes('Sandbox Bank') ? 'Sandbox Bank' : '?')).sort()).to.deep.equal(['Sandbox Bank', 'Sandbox Credit Union']);
    const text = texts.find((t) => t.includes('Sandbox Bank'))!;
    expect(text).to.contain('Active').and.contain('Shared since').and.contain('Until');
    expect(text).to.contain('Transaction details').and.contain('Budgeting insights');
    expect(cards.every((card) => /\/receipts\/rcpt_/.test(card.querySelector<HTMLAnchorElement>('a.receipt')!.href))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('asks before stopping, says the data will be deleted, and returns focus when cancelled', async () => {
    const el = await managerFor('consents=1');
    const stop = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Stop sharing'))!;
    stop.focus();
    stop.click();
    await waitFor(() => !!root(el).querySelector('dialog[open]'), 'the dialog');
    const dialog = root(el).querySelector('dialog')!;
    expect(dialog.textContent).to.contain('Your shared data will be deleted.');
    expect(dialog.contains(root(el).activeElement)).to.equal(true);
    await expect(el).to.be.accessible();
    dialog.close(); // what Escape does; its close event comes in a later task
    await waitFor(() => !root(el).querySelector('dialog'), 'the dialog to go');
    // Booleans, not elements: a failing element comparison makes chai print a whole DOM tree.
    expect(root(el).activeElement === stop).to.equal(true);
  });

  it('stops sharing: fires consent-revoked, shows the new status and announces what happened to the data', async () => {
    const el = await managerFor('consents=1');
    [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Stop sharing'))!.click();
    await waitFor(() => !!root(el).querySelector('dialog[open]'), 'the dialog');
    const revoked = oneEvent(el, 'consent-revoked');
    root(el).querySelector<HTMLButtonElement>('dialog [part=button-primary]')!.click();
    const event = await revoked;
    expect(event.detail.consentId).to.match(/^cns_/);
    await waitFor(() => root(el).querySelector('.status')!.textContent === 'Stopped', 'the new status');
    expect(root(el).querySelector('[role=status]')!.textContent).to.contain('Your data was deleted.');
  });

  it('offers deletion instead where the policy de-identifies, unticked (Rule 4.16)', async () => {
    const el = await managerFor('consents=1&onRevocation=deidentify');
    [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Stop sharing'))!.click();
    await waitFor(() => !!root(el).querySelector('dialog[open]'), 'the dialog');
    const dialog = root(el).querySelector('dialog')!;
    expect(dialog.textContent).to.contain('de-identified');
    const elect = dialog.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(elect.checked).to.equal(false);
    elect.click();
    dialog.querySelector<HTMLButtonElement>('[part=button-primary]')!.click();
    await oneEvent(el, 'consent-revoked');
    await waitFor(() => root(el).querySelector('[role=status]')!.textContent!.includes('deleted'), 'the announcement');
  });

  it('marks a consent expiring within 7 days; Renew goes to the renewal journey unless the host handles it', async () => {
    const el = await managerFor('consents=1&durationDays=5');
    expect(root(el).querySelector('.status')!.textContent).to.equal('Expiring soon');
    const renew = () => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Renew'))!.click();
    const went: string[] = [];
    el.navigate = (url) => went.push(url);

    // A host that handles it itself cancels the event: nothing else happens.
    const handled = (e: Event) => e.preventDefault();
    el.addEventListener('consent-renew', handled);
    const asked = oneEvent(el, 'consent-renew');
    renew();
    expect((await asked).detail.consentId).to.match(/^cns_/);
    await new Promise((r) => setTimeout(r, 200));
    expect(went).to.deep.equal([]);

    // Otherwise the service issues an extend session and the page goes to its journey.
    el.removeEventListener('consent-renew', handled);
    renew();
    await waitFor(() => went.length === 1, 'the renewal journey');
    expect(went[0]).to.match(/\/connect\?session=cus_/);
  });

  it('shows no internal value, rule citation or table marker, and names the consent’s zone once beside its dates', async () => {
    const el = await managerFor('consents=1&onRevocation=deidentify');
    const card = root(el).querySelector('.consent')!;
    for (const details of card.querySelectorAll('details')) details.open = true;
    const text = card.textContent!.replace(/\s+/g, ' ');
    for (const internal of [/deidentify/, /data-deleted/, /data-deidentified/, /\bRule \d/, /[†‡;]/, /\b(active|revoked|expired)\b/]) expect(text).not.to.match(internal);
    // The fixture's consents keep the default zone (Australia/Sydney) in their terms.
    expect(text.match(/Australian Eastern Time/g)).to.have.length(1);
    expect(root(el).querySelector('.dates')!.textContent!.replace(/\s+/g, ' ')).to.match(/Until \d{1,2} \w+ \d{4} \(Australian Eastern Time\)/);
    await expect(el).to.be.accessible();
  });

  it('in zh-CN, gives the data language and dates in Chinese', async () => {
    const { token } = await manageSession('consents=1');
    const el = await fixture<ConsentManager>(html`<consent-manager .service=${location.origin} session=${token} locale="zh-CN"></consent-manager>`);
    await waitFor(() => el.shadowRoot!.querySelectorAll('.consent').length > 0, 'the consents');
    const labels = [...root(el).querySelectorAll('.cluster__label')].map((l) => l.textContent);
    expect(labels).to.deep.equal(['姓名、职业、联系方式', '账户名称、类型和余额', '账号和账户功能', '交易详情']);
    expect(root(el).querySelector('.dates')!.textContent).to.contain('（澳大利亚东部时间）');
    for (const line of root(el).querySelectorAll('.cluster__permissions li')) expect(line.textContent).to.match(/[\u4e00-\u9fff]/);
    await expect(el).to.be.accessible();
  });

  it('says so when the session is not valid, and fires consent-error', async () => {
    const el = document.createElement('consent-manager');
    el.service = location.origin;
    el.session = 'cus_not-a-real-token';
    const failed = oneEvent(el, 'consent-error');
    document.body.append(el);
    expect((await failed).detail.message).to.contain('Unknown session token');
    await el.updateComplete;
    const alert = root(el).querySelector('[role=alert]')!.textContent!;
    expect(alert).to.contain('could not be loaded');
    expect(alert, 'the catalogue explains it').to.contain('This link has expired or was already used');
    expect(alert, 'not the service\'s wording').not.to.contain('Unknown session token');
    el.remove();
  });
});
