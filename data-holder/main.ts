// The sandbox data holder as a process: its own party, sharing nothing with the consent service.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readDataHolderEnv, type DataHolderEnv } from './env.js';

let env: DataHolderEnv;
try {
  env = readDataHolderEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/** The consent service's software product and brand at the sandbox Register. */
const SERVICE_PRODUCT_ID = 'consent-ui-sandbox';
const SERVICE_BRAND_ID = 'consent-ui-sandbox-brand';

// Loaded once the environment is known good, so a bad value is reported alone (oidc-provider warns as it loads).
const { startSandboxDataHolder } = await import('./sandbox.js');

// The Register is made in memory, so its CA exists only in this process: recipients need its PEM on disk.
const caDir = mkdtempSync(join(tmpdir(), 'data-holder-'));
const caFile = join(caDir, 'register-ca.pem');
const recipientFile = env.DATA_HOLDER_RECIPIENT_FILE;
const removeFiles = () => {
  rmSync(caDir, { recursive: true, force: true });
  if (recipientFile) rmSync(recipientFile, { force: true });
};

let holder: Awaited<ReturnType<typeof startSandboxDataHolder>>;
try {
  holder = await startSandboxDataHolder({ host: env.DATA_HOLDER_HOST, port: env.DATA_HOLDER_PORT, mtlsPort: env.DATA_HOLDER_MTLS_PORT });
  writeFileSync(caFile, holder.caCert);
  if (recipientFile) {
    // It holds a private key: owner-only, and written whole before it appears, so a reader never sees half.
    const temporary = join(dirname(recipientFile), `.${process.pid}-${Date.now()}.tmp`);
    writeFileSync(temporary, JSON.stringify(await holder.sandboxCredentials(SERVICE_PRODUCT_ID, SERVICE_BRAND_ID), null, 2), { mode: 0o600 });
    renameSync(temporary, recipientFile);
  }
} catch (error) {
  removeFiles();
  console.error(`data holder: could not start: ${(error as Error).message}`);
  process.exit(1);
}

console.log(`  data holder:    ${holder.issuer}  (sandbox bank; recipients' mutual TLS and CDS APIs on ${holder.mtlsOrigin})`);
console.log(`  dashboard:      ${holder.issuer}/consumer  (customers see and stop their sharing; one-time password 000789)`);
console.log(`  Register:       ${holder.registerUri}  (mutual TLS: ${holder.registerMtlsUri})`);
console.log(`  Register CA:    ${caFile}  (the CA to trust for both listeners; made at start, gone at exit)`);
if (recipientFile) console.log(`  credentials:    ${recipientFile}  (software product ${SERVICE_PRODUCT_ID}; gone at exit)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void holder
      .close()
      .finally(() => {
        removeFiles();
        process.exit(0);
      });
  });
}
