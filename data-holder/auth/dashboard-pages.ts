import { clusterLabels, CLUSTER_SCOPES, type ClusterScope } from '../../schema/index.js';
import { maskedNumber, type CustomerAccount } from './customers.js';
import { html, Safe } from './html.js';

/** One active arrangement as the dashboard lists it. */
export interface ArrangementView {
  readonly id: string;
  readonly recipient: string;
  readonly scopes: readonly string[];
  readonly accounts: readonly CustomerAccount[];
  readonly sharingSince: string;
  readonly sharingEnd: string;
}

const errorBox = (error: string | undefined) => (error ? html`<p class="error" role="alert" id="form-error">${error}</p>` : '');
const describedBy = (error: string | undefined) => new Safe(error ? ' aria-describedby="form-error" aria-invalid="true"' : '');
const csrfField = (csrf: string) => html`<input type="hidden" name="csrf" value="${csrf}" />`;

/** Customer id, then the one-time password, as in the authorisation flow (CX standards: Authentication). */
export function dashboardSignIn(csrf: string, error?: string): Safe {
  return html`<p>Sign in to see the data you share with data recipients, and to stop sharing it. You will never be asked for your password.</p>
    ${errorBox(error)}
    <form method="post" action="/consumer/login">
      ${csrfField(csrf)}
      <label for="login-id">Customer ID</label>
      <input id="login-id" name="loginId" autocomplete="username" required autofocus${describedBy(error)} />
      <p class="hint">Sandbox customers: jsmith, jwilson, acmeplumbing.</p>
      <button type="submit">Continue</button>
    </form>`;
}

export function dashboardOtp(csrf: string, error?: string): Safe {
  return html`<p>We sent a one-time password to your registered mobile. It expires in 5 minutes.</p>
    ${errorBox(error)}
    <form method="post" action="/consumer/otp">
      ${csrfField(csrf)}
      <label for="otp">One-time password</label>
      <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${describedBy(error)} />
      <p class="hint">Sandbox one-time password: 000789.</p>
      <button type="submit">Verify</button>
    </form>`;
}

/**
 * The customer's active arrangements, each with who receives what, from which accounts, until when,
 * and a button to stop it (CDR Rules 1.15: the data holder's consumer dashboard).
 */
export function dashboardList(input: { customerName: string; csrf: string; arrangements: readonly ArrangementView[]; notice?: string }): Safe {
  const list = input.arrangements.length
    ? html`<ul class="arrangements">${input.arrangements.map((a) => arrangementItem(a, input.csrf))}</ul>`
    : html`<p>You are not sharing data with anyone.</p>`;
  return html`${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}
    <p>Signed in as ${input.customerName}. These data recipients can collect your data until you stop sharing or the end date passes.</p>
    ${list}
    <form method="post" action="/consumer/sign-out">${csrfField(input.csrf)}<button type="submit" class="secondary">Sign out</button></form>`;
}

function arrangementItem(a: ArrangementView, csrf: string): Safe {
  const heading = `arrangement-${a.id}`;
  const clusters = clusterLabels(a.scopes.filter((s): s is ClusterScope => (CLUSTER_SCOPES as readonly string[]).includes(s)));
  return html`<li class="arrangement" aria-labelledby="${heading}">
      <h2 id="${heading}">${a.recipient}</h2>
      <h3>Data</h3>
      <ul>${clusters.map((c) => html`<li>${c.label}</li>`)}</ul>
      <h3>Accounts</h3>
      <ul>${a.accounts.map((acc) => html`<li>${acc.displayName} · ${maskedNumber(acc)}</li>`)}</ul>
      <p>Sharing since ${a.sharingSince}, until ${a.sharingEnd}.</p>
      <form method="post" action="/consumer/arrangements/${a.id}/stop">
        ${csrfField(csrf)}
        <button type="submit">Stop sharing<span class="visually-hidden"> with ${a.recipient}</span></button>
      </form>
    </li>`;
}

export function dashboardMessage(message: string): Safe {
  return html`<p>${message}</p><p><a href="/consumer">Back to your data sharing</a></p>`;
}
