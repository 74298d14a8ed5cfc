import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Where processes can see each other: one boot of one machine and one PID namespace. Two processes in
 * the same place know for certain whether a pid runs; elsewhere (another host, another container, a
 * platform without /proc) nothing is known and a random place makes every other owner a stranger.
 */
function currentPlace(): string {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const pidNamespace = readlinkSync('/proc/self/ns/pid');
    return createHash('sha256').update(`${boot} ${pidNamespace}`).digest('base64url').slice(0, 12);
  } catch {
    return `unknown-${randomBytes(6).toString('base64url')}`;
  }
}

const PLACE = currentPlace();

/** A fresh lease owner id for one job runner of process `pid` (this one by default): `<place>.<pid>.<nonce>`. */
export function newRunnerInstanceId(pid = process.pid): string {
  return `${PLACE}.${pid}.${randomBytes(6).toString('base64url')}`;
}

/**
 * True only when `owner` certainly no longer runs: it was a process in this place whose pid is gone.
 * Anything unsure (another place, a pid that runs — maybe reused —, this very process, a malformed id)
 * is false, and only the lease's expiry frees the job then.
 */
export function isKnownGone(owner: string): boolean {
  const [place, pidText] = owner.split('.');
  const pid = Number(pidText);
  if (place !== PLACE || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid runs under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
