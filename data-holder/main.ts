// The sandbox data holder as a process: its own party, sharing nothing with the consent service.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataHolderEnv, type DataHolderEnv } from './env.js';

let env: DataHolderEnv;
try {
  env = readDataHolderEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Loaded once the environment is known good, so a bad value is reported alone (oidc-provider warns as it loads).
const { getRequestListener } = await import('@hono/node-server');
const { createAuthorisationServer } = await import('./auth/authorisation-server.js');
const { createSandboxHolderData } = await import('./data/holder-data.js');
const { createRegister } = await import('./register/register.js');
const { createResourceApi } = await import('./resources/resource-api.js');

// The Register is made in memory, so its CA exists only in this process: recipients need its PEM on disk.
const register = await createRegister();
const caDir = mkdtempSync(join(tmpdir(), 'data-holder-'));
const caFile = join(caDir, 'register-ca.pem');
writeFileSync(caFile, register.caCert);
const removeCa = () => rmSync(caDir, { recursive: true, force: true });

// The loopback names as well, so https://localhost:… and https://127.0.0.1:… both verify.
const names = [...new Set([env.DATA_HOLDER_HOST, 'localhost', '127.0.0.1'])];
let server: Awaited<ReturnType<typeof createAuthorisationServer>>;
// The resource API is built before the server whose tokens it checks exists; until then it grants nothing.
let verifyAccess: Parameters<typeof createResourceApi>[0]['verifyAccess'] = async () => undefined;
try {
  server = await createAuthorisationServer({
    register,
    serverCertificate: await register.issueServerCertificate(names),
    host: env.DATA_HOLDER_HOST,
    port: env.DATA_HOLDER_PORT,
    mtlsPort: env.DATA_HOLDER_MTLS_PORT,
    // The resource APIs are served on the mutual-TLS listener: every call needs the certificate the token is bound to.
    mtlsRoutes: {
      pathPrefix: '/cds-au/',
      handler: getRequestListener(
        createResourceApi({
          verifyAccess: (query) => verifyAccess(query),
          data: createSandboxHolderData(),
          // Per-product ids ("ID Permanence"); a fresh secret per start, as nothing else survives a restart either.
          idSecret: randomBytes(32).toString('base64url'),
        }).fetch,
      ),
    },
  });
} catch (error) {
  removeCa();
  console.error(`data holder: could not start: ${(error as Error).message}`);
  process.exit(1);
}
verifyAccess = server.verifyAccess;

console.log(`  data holder:    ${server.issuer}  (sandbox bank; recipients' mutual TLS and CDS APIs on ${server.mtlsOrigin})`);
console.log(`  Register CA:    ${caFile}  (the CA to trust for both listeners; made at start, gone at exit)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .finally(() => {
        removeCa();
        process.exit(0);
      });
  });
}
