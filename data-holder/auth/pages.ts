import { clusterLabels, CLUSTER_SCOPES, type ClusterScope } from '../../schema/index.js';
import { maskedNumber, type CustomerAccount } from './customers.js';
import { html, Safe } from './html.js';

/**
 * Headers of every consumer page: nothing but the data holder's own stylesheet loads, forms post only to
 * the data holder, no framing; never cached; the address, which names the interaction, is never sent on.
 */
export const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

/** The data holder's page frame: its own look, clearly not the recipient's (CX: redirect to the data holder). */
export function bankPage(bankName: string, title: string, body: Safe): string {
  return html`<!doctype html>
<html lang="en-AU">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · ${bankName}</title>
    <link rel="stylesheet" href="/assets/bank.css" />
  </head>
  <body>
    <header class="bank-header"><span class="bank-logo" aria-hidden="true">${bankName.slice(0, 1)}</span><span>${bankName}</span><span class="sandbox-tag">Sandbox</span></header>
    <main class="bank-main">
      <h1>${title}</h1>
      ${body}
    </main>
    <footer class="bank-footer">This is a sandbox data holder for testing. No real bank is contacted.</footer>
  </body>
</html>`.value;
}

const errorBox = (error: string | undefined) => (error ? html`<p class="error" role="alert" id="form-error">${error}</p>` : '');
const describedBy = (error: string | undefined) => new Safe(error ? ' aria-describedby="form-error" aria-invalid="true"' : '');
const cancelForm = (action: string) => html`<form method="post" action="${action}/cancel" class="cancel-form"><button type="submit" class="secondary">Cancel and go back</button></form>`;

/** Customer id only: the data holder never asks for a password (CX standard "Authentication: Passwords"). */
export function loginForm(action: string, recipient: string, error?: string): Safe {
  return html`<p><strong>${recipient}</strong> has asked to access your data. Sign in to continue. You will never be asked for your password.</p>
    ${errorBox(error)}
    <form method="post" action="${action}/login">
      <label for="login-id">Customer ID</label>
      <input id="login-id" name="loginId" autocomplete="username" required autofocus${describedBy(error)} />
      <p class="hint">Sandbox customers: jsmith, jwilson, acmeplumbing.</p>
      <button type="submit">Continue</button>
    </form>
    ${cancelForm(action)}`;
}

export function otpForm(action: string, error?: string): Safe {
  return html`<p>We sent a one-time password to your registered mobile. It expires in 5 minutes.</p>
    ${errorBox(error)}
    <form method="post" action="${action}/otp">
      <label for="otp">One-time password</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${describedBy(error)} />
      <p class="hint">Sandbox one-time password: 000789.</p>
      <button type="submit">Verify</button>
    </form>
    ${cancelForm(action)}`;
}

export function accountsForm(action: string, accounts: readonly CustomerAccount[], error?: string): Safe {
  return html`<p>Choose the accounts to share.</p>
    ${errorBox(error)}
    <form method="post" action="${action}/accounts">
      <fieldset${describedBy(error)}>
        <legend>Accounts</legend>
        ${accounts.map((a) =>
          a.unavailableReason
            ? html`<div class="account unavailable">
                <input type="checkbox" id="acc-${a.accountId}" disabled aria-describedby="why-${a.accountId}" />
                <label for="acc-${a.accountId}">${a.displayName} · ${maskedNumber(a)}</label>
                <p class="hint" id="why-${a.accountId}">Unavailable: ${a.unavailableReason}</p>
              </div>`
            : html`<div class="account">
                <input type="checkbox" name="accountId" value="${a.accountId}" id="acc-${a.accountId}" />
                <label for="acc-${a.accountId}">${a.displayName} · ${maskedNumber(a)}</label>
              </div>`,
        )}
      </fieldset>
      <button type="submit">Continue</button>
    </form>
    ${cancelForm(action)}`;
}

/** The data clusters in the standard's data language, from the CDR catalogue `schema/` shares. */
export function confirmForm(action: string, input: { recipient: string; scopes: readonly string[]; accounts: readonly CustomerAccount[]; sharingEnd: string | undefined }): Safe {
  const clusters = clusterLabels(input.scopes.filter((s): s is ClusterScope => (CLUSTER_SCOPES as readonly string[]).includes(s)));
  return html`<p>You are about to share this data with <strong>${input.recipient}</strong>.</p>
    <h2>Data</h2>
    <ul>${clusters.map((c) => html`<li>${c.label}</li>`)}</ul>
    <h2>Accounts</h2>
    <ul>${input.accounts.map((a) => html`<li>${a.displayName} · ${maskedNumber(a)}</li>`)}</ul>
    <h2>For how long</h2>
    <p>${input.sharingEnd ? `Until ${input.sharingEnd}.` : 'Once: your data is collected one time only.'}</p>
    <form method="post" action="${action}/confirm"><button type="submit">Authorise</button></form>
    ${cancelForm(action)}`;
}

export function messagePage(message: string): Safe {
  return html`<p>${message}</p>`;
}
