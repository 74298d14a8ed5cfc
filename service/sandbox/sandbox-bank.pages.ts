import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ClusterLabel } from '../../schema/index.js';
import { DEFAULT_TIME_ZONE, formatConsentTime, zoneName } from '../consents/consent-dates.js';
import type { SandboxAccount } from './sandbox-customers.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The data holder's page frame: its own look, clearly not the recipient's (CX: redirect to the bank). */
export function bankPage(bankName: string, title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en-AU">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · ${bankName}</title>
    <link rel="stylesheet" href="/sandbox/assets/bank.css" />
  </head>
  <body>
    <header class="bank-header"><span class="bank-logo" aria-hidden="true">${bankName.slice(0, 1)}</span><span>${bankName}</span><span class="sandbox-tag">Sandbox</span></header>
    <main class="bank-main">
      <h1>${title}</h1>
      ${body}
    </main>
    <footer class="bank-footer">This is a sandbox data holder for testing. No real bank is contacted.</footer>
  </body>
</html>`;
}

const errorBox = (error: string | undefined) => (error ? html`<p class="error" role="alert" id="form-error">${error}</p>` : '');
const describedBy = (error: string | undefined) => (error ? raw(' aria-describedby="form-error" aria-invalid="true"') : '');

export function cancelForm(action: string): Html {
  return html`<form method="post" action="${action}/cancel" class="cancel-form"><button type="submit" class="secondary">Cancel and go back</button></form>`;
}

export function loginForm(action: string, recipient: string, error?: string): Html {
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

/** The one-time password page; its expiry time in the consent's zone (`consent.timeZone`), named. */
export function otpForm(action: string, expiresAt: string, error?: string, timeZone: string = DEFAULT_TIME_ZONE): Html {
  const time = formatConsentTime(expiresAt, timeZone);
  return html`<p>We sent a one-time password to your registered mobile. It expires in 5 minutes (at ${time} ${zoneName(timeZone)}).</p>
    ${errorBox(error)}
    <form method="post" action="${action}/otp">
      <label for="otp">One-time password</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${describedBy(error)} />
      <p class="hint">Sandbox one-time password: 000789.</p>
      <button type="submit">Verify</button>
    </form>
    <form method="post" action="${action}/resend"><button type="submit" class="link">Send a new one-time password</button></form>
    ${cancelForm(action)}`;
}

export function accountsForm(action: string, accounts: readonly SandboxAccount[], error?: string): Html {
  return html`<p>Choose the accounts to share.</p>
    ${errorBox(error)}
    <form method="post" action="${action}/accounts">
      <fieldset${describedBy(error)}>
        <legend>Accounts</legend>
        ${accounts.map((account) =>
          account.unavailableReason
            ? html`<div class="account unavailable">
                <input type="checkbox" id="acc-${account.holderAccountId}" disabled aria-describedby="why-${account.holderAccountId}" />
                <label for="acc-${account.holderAccountId}">${account.displayName} · ${maskedNumber(account)}</label>
                <p class="hint" id="why-${account.holderAccountId}">Unavailable: ${account.unavailableReason}</p>
              </div>`
            : html`<div class="account">
                <input type="checkbox" name="accountId" value="${account.holderAccountId}" id="acc-${account.holderAccountId}" />
                <label for="acc-${account.holderAccountId}">${account.displayName} · ${maskedNumber(account)}</label>
              </div>`,
        )}
      </fieldset>
      <button type="submit">Continue</button>
    </form>
    ${cancelForm(action)}`;
}

export function confirmForm(
  action: string,
  input: {
    recipient: string;
    clusters: readonly ClusterLabel[];
    accounts: readonly SandboxAccount[];
    /** Dates formatted in the consent's zone (service/consents/consent-dates.ts). */
    sharingEnd: string;
    historyFrom: string;
    /** That zone, named once beside the dates; unnamed when not given rather than named wrongly. */
    timeZone?: string;
  },
): Html {
  return html`<p>You are about to share this data with <strong>${input.recipient}</strong>.</p>
    <h2>Data</h2>
    <ul>${input.clusters.map((c) => html`<li>${c.label}</li>`)}</ul>
    <h2>Accounts</h2>
    <ul>${input.accounts.map((a) => html`<li>${a.displayName} · ${maskedNumber(a)}</li>`)}</ul>
    <h2>For how long</h2>
    <p>Until ${input.sharingEnd}${input.timeZone ? ` (${zoneName(input.timeZone)})` : ''}, including data back to ${input.historyFrom}.</p>
    <form method="post" action="${action}/confirm"><button type="submit">Authorise</button></form>
    ${cancelForm(action)}`;
}

export function messagePage(message: string, link?: { href: string; label: string }): Html {
  return html`<p>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`;
}

export const maskedNumber = (account: SandboxAccount) => `xxxx${account.accountNumber.slice(-4)}`;
