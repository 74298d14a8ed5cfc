import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Who the service is in the CDR: an accredited data recipient's software product, with the transport
 * certificate the Register's CA issued it, the CA it trusts for data holders and the Register, and
 * where the Register is. Real accreditation supplies these through the environment (docs/deploy.md);
 * the sandbox data holder writes them to a file that `npm start` hands over.
 */
export interface RecipientIdentity {
  /** The Register's public base, e.g. https://api.cdr.gov.au/cdr-register. */
  readonly registerUri: string;
  /** The Register's base for calls that need the client certificate. */
  readonly registerMtlsUri: string;
  readonly softwareProductId: string;
  readonly brandId: string;
  /** PEM: the trust anchor for every data holder's and the Register's TLS certificate. */
  readonly caCert: string;
  readonly clientCertificate: { readonly cert: string; readonly key: string };
  /** The sandbox Register takes the product's redirect URIs and JWKS URI at start (real ones learn them at onboarding). */
  readonly enrolAtStart: boolean;
  /** A private JWK (PS256) for request objects and client assertions; made and kept in the database when absent. */
  readonly signingKey?: Record<string, unknown> | undefined;
  /** 32 bytes, base64url: seals tokens at rest; made and kept in the database when absent. */
  readonly tokenKey?: string | undefined;
}

const pem = z.string().regex(/-----BEGIN [A-Z ]+-----/, 'Not a PEM file');

const sandboxFileSchema = z.object({
  registerUri: z.url(),
  registerMtlsUri: z.url(),
  caCert: pem,
  softwareProductId: z.string().min(1),
  brandId: z.string().min(1),
  clientCertificate: z.object({ cert: pem, key: pem }),
});

/** The CDR_* variables service/env.ts validated. */
export interface RecipientEnv {
  readonly CDR_SANDBOX_FILE?: string | undefined;
  readonly CDR_REGISTER_URI?: string | undefined;
  readonly CDR_REGISTER_MTLS_URI?: string | undefined;
  readonly CDR_SOFTWARE_PRODUCT_ID?: string | undefined;
  readonly CDR_BRAND_ID?: string | undefined;
  readonly CDR_CA_FILE?: string | undefined;
  readonly CDR_CLIENT_CERT_FILE?: string | undefined;
  readonly CDR_CLIENT_KEY_FILE?: string | undefined;
  readonly CDR_SIGNING_KEY_FILE?: string | undefined;
  readonly CDR_TOKEN_KEY?: string | undefined;
}

const read = (name: string, path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
};

/** Reads the identity the environment names; throws one line naming what is missing or unreadable. */
export function readRecipientIdentity(env: RecipientEnv): RecipientIdentity | undefined {
  const signingKey = env.CDR_SIGNING_KEY_FILE ? (JSON.parse(read('CDR_SIGNING_KEY_FILE', env.CDR_SIGNING_KEY_FILE)) as Record<string, unknown>) : undefined;
  if (env.CDR_SOFTWARE_PRODUCT_ID) {
    const { CDR_REGISTER_URI, CDR_REGISTER_MTLS_URI, CDR_BRAND_ID, CDR_CA_FILE, CDR_CLIENT_CERT_FILE, CDR_CLIENT_KEY_FILE } = env;
    const missing = Object.entries({ CDR_REGISTER_URI, CDR_BRAND_ID, CDR_CA_FILE, CDR_CLIENT_CERT_FILE, CDR_CLIENT_KEY_FILE, CDR_SIGNING_KEY_FILE: env.CDR_SIGNING_KEY_FILE, CDR_TOKEN_KEY: env.CDR_TOKEN_KEY })
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (missing.length) throw new Error(`CDR_SOFTWARE_PRODUCT_ID is set, so these are needed too: ${missing.join(', ')}`);
    return {
      registerUri: CDR_REGISTER_URI!,
      registerMtlsUri: CDR_REGISTER_MTLS_URI ?? CDR_REGISTER_URI!,
      softwareProductId: env.CDR_SOFTWARE_PRODUCT_ID,
      brandId: CDR_BRAND_ID!,
      caCert: read('CDR_CA_FILE', CDR_CA_FILE!),
      clientCertificate: { cert: read('CDR_CLIENT_CERT_FILE', CDR_CLIENT_CERT_FILE!), key: read('CDR_CLIENT_KEY_FILE', CDR_CLIENT_KEY_FILE!) },
      enrolAtStart: false,
      signingKey,
      tokenKey: env.CDR_TOKEN_KEY,
    };
  }
  if (!env.CDR_SANDBOX_FILE) return undefined;
  const parsed = sandboxFileSchema.safeParse(JSON.parse(read('CDR_SANDBOX_FILE', env.CDR_SANDBOX_FILE)));
  if (!parsed.success) throw new Error(`CDR_SANDBOX_FILE: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, enrolAtStart: true, signingKey, tokenKey: env.CDR_TOKEN_KEY };
}

export const sandboxIdentity = (credentials: z.infer<typeof sandboxFileSchema>): RecipientIdentity => ({ ...credentials, enrolAtStart: true });
