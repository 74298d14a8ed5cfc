import { STRICT_CSP } from '../demo/demo.routes.js';

/**
 * A host a CSP source may name (CSP3 `host-source`: letters, digits and dashes in dot-separated labels).
 * The URL parser keeps `;`, quotes, commas and `*` in host names, so its `origin` alone could carry a
 * directive or a wildcard into the policy.
 */
const CSP_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;

/**
 * The origin of a partner's web-font stylesheet as a CSP source, or undefined when it cannot be one:
 * https only (a page served over https may not load an http stylesheet anyway), a plain host name,
 * no credentials. The URL parser lower-cases the host and turns international names into punycode.
 */
export function fontSource(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || !CSP_HOST.test(parsed.hostname)) return undefined;
  return parsed.origin;
}

/**
 * The hosted journey's and manager's policy: the strict one, with the configured font's origin
 * added to `style-src` (the stylesheet the widget links) and `font-src` (the files its @font-face
 * rules load, which a partner usually hosts beside it). Nothing else is loosened.
 */
export function hostedPageCsp(fontUrl: string): string {
  const source = fontSource(fontUrl);
  if (!source) return STRICT_CSP;
  const directives = STRICT_CSP.split('; ');
  for (const name of ['style-src', 'font-src']) {
    const at = directives.findIndex((directive) => directive.split(' ')[0] === name);
    // Without its own directive, font-src falls back to default-src 'self'; keep that and add the origin.
    if (at < 0) directives.push(`${name} 'self' ${source}`);
    else directives[at] += ` ${source}`;
  }
  return directives.join('; ');
}
