import type { Page } from 'playwright-core';

/** At the sandbox data holder's pages: customer id, one-time password, an account; stops before "Authorise". */
export async function signInAtBank(bank: Page, login = 'jsmith') {
  await bank.waitForURL(/\/interaction\//);
  await bank.fill('#login-id', login);
  await bank.click('button[type=submit]');
  await bank.fill('#otp', '000789');
  await bank.click('button[type=submit]:has-text("Verify")');
  await bank.check(`#acc-${login}-everyday`);
  await bank.click('button[type=submit]:has-text("Continue")');
  await bank.locator('button[type=submit]:has-text("Authorise")').waitFor();
}

/** At the sandbox bank: sign in with the one-time password, pick an account, authorise. */
export async function authoriseAtBank(bank: Page, login = 'jsmith') {
  await signInAtBank(bank, login);
  await bank.click('button[type=submit]:has-text("Authorise")');
}
