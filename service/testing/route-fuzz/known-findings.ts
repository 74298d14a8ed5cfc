import type { FuzzFinding } from './route-fuzzer.js';

/**
 * Bugs the fuzzer found whose fix lies in files its tests may not change: reported apart, so that a run
 * still fails on anything new. Each has a failing test of its own in route-fuzzer.test.ts; remove the
 * entry with the fix.
 */
export const KNOWN_FINDINGS: readonly { readonly bug: string; readonly matches: (finding: FuzzFinding) => boolean }[] = [];

/** A run's findings split into known bugs (with how often each was seen) and new ones. */
export function sortFindings(findings: readonly FuzzFinding[]) {
  const known = KNOWN_FINDINGS.map((k) => ({ ...k, seen: findings.filter(k.matches) })).filter((k) => k.seen.length > 0);
  const fresh = findings.filter((finding) => !KNOWN_FINDINGS.some((k) => k.matches(finding)));
  return { known, fresh };
}
