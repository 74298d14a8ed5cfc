import type { Appearance } from '../../schema/index.js';
import { FONT_STACKS, type FontStackName } from '../../schema/defaults.js';
import { contrastRatio, readableOn } from './contrast.js';

const HEX = /^#[0-9a-f]{6}$/i;
const color = (value: string, fallback: string) => (HEX.test(value) ? value : fallback);
const px = (value: number, min: number, max: number) => `${Math.min(max, Math.max(min, Number.isFinite(value) ? value : min))}px`;

/** The font-family a `font.family` names: a system stack, or a custom family with the system stack behind it. */
export function fontFamily(family: string): string {
  if (family in FONT_STACKS) return FONT_STACKS[family as FontStackName];
  const safe = family.replace(/[^A-Za-z0-9 -]/g, '');
  return `"${safe}", ${FONT_STACKS.system}`;
}

/**
 * The theme as `--consent-*` custom properties. Values are re-checked here because a `config` property
 * set by hand has not been through the schema; nothing unchecked reaches CSS.
 */
export function themeProperties(appearance: Appearance): Record<string, string> {
  const c = appearance.colors;
  const background = color(c.background, '#FFFFFF');
  const primary = color(c.primary, '#130F26');
  // Headings and body text take the text colour, not the brand's, where it is legible on the background
  // (WCAG 1.4.3, 4.5:1); otherwise black or white. Links and muted text likewise.
  const legible = (value: string, fallback: string) => (contrastRatio(value, background) >= 4.5 ? value : fallback);
  const text = legible(color(c.text, '#1F2328'), readableOn(background));
  const links = legible(color(c.links, '#0459A8'), readableOn(background));
  const muted = legible(color(c.inactive, '#656D71'), text);
  const b = appearance.buttons;
  return {
    '--consent-color-primary': primary,
    '--consent-color-secondary': color(c.secondary, '#130F26'),
    '--consent-color-inactive': color(c.inactive, '#656D71'),
    '--consent-color-success': color(c.success, '#4FC35A'),
    '--consent-color-warning': color(c.warning, '#FABE34'),
    '--consent-color-failure': color(c.failure, '#FE493F'),
    '--consent-color-background': background,
    '--consent-color-links': links,
    '--consent-color-accreditation': color(c.accreditation, '#2784DA'),
    '--consent-color-text': text,
    '--consent-color-muted': muted,
    '--consent-font-family': fontFamily(appearance.font.family),
    '--consent-heading-size': px(appearance.typography.headingSize, 12, 64),
    '--consent-paragraph-size': px(appearance.typography.paragraphSize, 10, 32),
    '--consent-line-height': px(appearance.typography.lineHeight, 12, 64),
    '--consent-button-primary-text': color(b.primary.text, '#FFFFFF'),
    '--consent-button-primary-background': color(b.primary.background, '#130F26'),
    '--consent-button-primary-radius': px(b.primary.borderRadius, 0, 40),
    '--consent-button-secondary-text': color(b.secondary.text, '#130F26'),
    '--consent-button-secondary-background': color(b.secondary.background, '#FFFFFF'),
    '--consent-button-secondary-radius': px(b.secondary.borderRadius, 0, 40),
    '--consent-wrapper-width': px(appearance.wrapper.desktopWidth, 320, 1200),
  };
}

/** The theme as a `:host` rule, for a constructable stylesheet (allowed under a strict CSP). */
export function themeCss(appearance: Appearance): string {
  const declarations = Object.entries(themeProperties(appearance))
    .map(([name, value]) => `${name}:${value}`)
    .join(';');
  return `:host{${declarations}}`;
}
