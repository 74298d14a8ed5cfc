import { z } from 'zod';

/** `#RRGGBB`, the only colour form the editor's hex fields and the theme accept. */
export const hexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'Use a colour in the form #RRGGBB' });

/** Bounded single-line text; user text is always rendered as text, the bound keeps layouts sane. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, { error: min === 1 ? 'Required' : `At least ${min} characters` })
    .max(max, { error: `At most ${max} characters` });

/** Whole pixels in a range, for sizes the designer types. */
export const pixels = (min: number, max: number) =>
  z
    .number({ error: 'Enter a number of pixels' })
    .int({ error: 'Use a whole number of pixels' })
    .min(min, { error: `At least ${min}px` })
    .max(max, { error: `At most ${max}px` });

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A host name as the URL parser leaves it (lower case, punycode), or an IPv6 literal. */
const PLAIN_HOST = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])$/;

/**
 * Why a URL is unsafe to send an end user to or load an image from, or undefined when it is safe:
 * https only (http only for loopback, for local development), no credentials, no script or data URLs,
 * a plain host name.
 */
export function unsafeUrlReason(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL starting with https://';
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'Use https:// (http:// only for localhost)';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `URLs with ${url.protocol} are not allowed; use https://`;
  if (url.username || url.password) return 'URLs must not contain a user name or password';
  // The URL parser keeps `;`, quotes, commas and `*` in host names; no real host has them, and a URL
  // ends up in attributes and security policies (a font's origin in the hosted pages' CSP).
  if (!PLAIN_HOST.test(url.hostname)) return 'The host name may hold only letters, digits, dots and dashes';
  return undefined;
}

/** An https URL (or http on localhost), or empty for "not set". */
export const optionalSafeUrl = z
  .string()
  .trim()
  .max(2048, { error: 'At most 2048 characters' })
  .superRefine((value, ctx) => {
    if (value === '') return;
    const reason = unsafeUrlReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

/** Lower-case identifiers used for purposes and institutions: stable, URL-safe. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'Use lower-case letters, digits and dashes (up to 64)' });
