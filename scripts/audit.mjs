// `npm audit --omit=dev` as part of `npm test`: the dependencies the service ships with must have no
// high or critical advisory. Where the registry's audit end point cannot be reached (offline, a mirror
// without it) the check is skipped with a message saying so, never passed silently.
import { spawnSync } from 'node:child_process';

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'ERR_SOCKET_TIMEOUT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN']);
const FAILING = ['high', 'critical'];

/**
 * Reads `npm audit --json`'s output: `passed` with counts by severity, `failed` with a high or critical
 * finding (or output that is no audit and no network failure), `skipped` when the registry did not
 * answer the audit.
 */
export function judgeAudit(stdout, timedOut = false) {
  if (timedOut) return { status: 'skipped', message: 'npm audit skipped: the registry did not answer within the time limit' };
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { status: 'failed', message: `npm audit printed no report: ${String(stdout).slice(0, 300)}` };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts) {
    const summary = Object.entries(counts).filter(([name, n]) => name !== 'total' && n > 0).map(([name, n]) => `${n} ${name}`).join(', ') || 'no advisories';
    const findings = Object.values(report.vulnerabilities ?? {}).filter((v) => FAILING.includes(v.severity));
    if (findings.length === 0) return { status: 'passed', message: `npm audit --omit=dev: ${summary}` };
    const names = findings.map((v) => `${v.name} (${v.severity}${v.fixAvailable ? ', fix available' : ''})`).join(', ');
    return { status: 'failed', message: `npm audit --omit=dev: ${summary}: ${names}` };
  }
  const code = report?.error?.code ?? report?.code;
  const status = report?.statusCode;
  // npm reports a failed request only in its message: "request to … failed, reason: connect ECONNREFUSED …".
  const unreachable = /^request to \S+ failed, reason: /.test(report?.message ?? '');
  if (unreachable || NETWORK_CODES.has(code) || (typeof status === 'number' && status >= 400)) {
    const why = report.message ?? report.error?.summary ?? code;
    return { status: 'skipped', message: `npm audit skipped: the registry did not answer the audit (${why})` };
  }
  return { status: 'failed', message: `npm audit failed: ${report?.error?.summary || report?.message || JSON.stringify(report).slice(0, 300)}` };
}

/** Runs the audit of production dependencies and judges it. */
export function auditProduction() {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  return judgeAudit(result.stdout, result.error?.code === 'ETIMEDOUT');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verdict = auditProduction();
  console.log(verdict.message);
  process.exit(verdict.status === 'failed' ? 1 : 0);
}
