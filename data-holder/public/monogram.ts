/**
 * The brands' logos as small SVG monograms, made from the Register's catalogue: the sandbox serves
 * every logo itself (no banks' artwork, nothing fetched from elsewhere).
 */

/**
 * Letters for the monogram: a short all-capitals name as is (ANZ, NAB), otherwise up to two initials,
 * counting camel-case parts as words (CommBank → CB).
 */
export function monogramLetters(shortName: string): string {
  const compact = shortName.replace(/[^A-Za-z&]/g, '');
  if (/^[A-Z&]{2,4}$/.test(compact)) return compact;
  const words = shortName.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\s.]+/).filter((w) => /[A-Za-z]/.test(w));
  const initials = words.slice(0, 2).map((w) => w.replace(/[^A-Za-z]/g, '')[0] ?? '');
  return initials.join('').toUpperCase() || '?';
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const DARK = '#130F26';

/** White or near-black, whichever contrasts more with the background (WCAG 1.4.11 non-text contrast). */
export function foregroundFor(background: string): string {
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance(DARK) + 0.05) ? '#FFFFFF' : DARK;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
const FONT_SIZE: Record<number, number> = { 1: 30, 2: 24, 3: 19, 4: 15 };

export function monogramSvg(name: string, shortName: string, background: string): string {
  const letters = monogramLetters(shortName);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="${escapeXml(name)}">` +
    `<title>${escapeXml(name)}</title>` +
    `<rect width="64" height="64" rx="14" fill="${escapeXml(background)}"/>` +
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-weight="700" font-size="${FONT_SIZE[letters.length] ?? 15}" fill="${foregroundFor(background)}">${escapeXml(letters)}</text>` +
    `</svg>`
  );
}
