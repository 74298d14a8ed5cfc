// `npm run app:create -- --name NAME --brand-name … --legal-name … --accreditation-number … --cdr-policy-url …
// [--environment sandbox|production] [--origin URL]... [--json]` (docs/contract.md, Commands): creates an
// application whose config states the recipient's own identity, and prints its id and a new API key,
// shown this once. On a terminal it asks for whatever identity flag is missing.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../schema/index.js';
import { createApplication } from '../apps/create-application.js';
import { systemClock } from '../clock.js';
import { describeDatabase, migrateToLatest, openDatabase } from '../db/database.js';
import { readEnv } from '../env.js';
import { collectIdentity, flagOfPath } from './app-identity.js';
import { runCli } from './run-cli.js';

const USAGE =
  'Usage: npm run app:create -- --name NAME --brand-name BRAND --legal-name "LEGAL NAME" --accreditation-number ADR… --cdr-policy-url https://… [--environment sandbox|production] [--origin URL]... [--json]';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      environment: { type: 'string', default: 'sandbox' },
      origin: { type: 'string', multiple: true, default: [] },
      'brand-name': { type: 'string' },
      'legal-name': { type: 'string' },
      'accreditation-number': { type: 'string' },
      'cdr-policy-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.name) throw new Error(`Missing --name. ${USAGE}`);
  // Questions go to stderr: with --json, stdout stays the one line a script reads.
  const terminal = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stderr }) : undefined;
  let identity;
  try {
    identity = await collectIdentity(
      { brandName: values['brand-name'], legalName: values['legal-name'], accreditationNumber: values['accreditation-number'], cdrPolicyUrl: values['cdr-policy-url'] },
      terminal && ((question) => terminal.question(question)),
    );
  } catch (error) {
    throw new Error(`${(error as Error).message} ${USAGE}`);
  } finally {
    terminal?.close();
  }
  const env = readEnv();
  const db = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const { application, apiKey } = await createApplication(db, systemClock, {
      name: values.name,
      environment: values.environment as 'sandbox' | 'production',
      origins: values.origin,
      identity,
    }).catch((error: unknown) => {
      if (!(error instanceof ConfigError)) throw error;
      throw new ConfigError(error.problems.map((p) => ({ path: p.path, message: flagOfPath(p.path) ? `${p.message} (--${flagOfPath(p.path)})` : p.message })));
    });
    if (values.json) {
      console.log(JSON.stringify({ id: application.id, apiKey: apiKey.key }));
      return;
    }
    console.log(`Created application "${application.name}" (${application.environment}) for ${identity.brandName} (${identity.legalName}, ${identity.accreditationNumber})`);
    console.log(`  id:              ${application.id}`);
    console.log(`  API key:         ${apiKey.key}`);
    console.log(`                   (shown once: store it now; scopes: ${apiKey.scopes.join(' ')})`);
    console.log(`  allowed origins: ${application.allowedOrigins.join(' ') || '(none: add with --origin)'}`);
    console.log(`  database:        ${describeDatabase(env.DATABASE_URL)}`);
  } finally {
    await db.destroy();
  }
});
