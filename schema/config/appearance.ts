import { z } from 'zod';
import { DEFAULT_CONFIG } from '../defaults.js';
import { hexColor, optionalSafeUrl, pixels } from '../primitives.js';

const DEFAULTS = DEFAULT_CONFIG.appearance;

const buttonSchema = (defaults: { text: string; background: string; borderRadius: number }) =>
  z
    .strictObject({
      text: hexColor.default(defaults.text),
      background: hexColor.default(defaults.background),
      borderRadius: pixels(0, 40).default(defaults.borderRadius),
    })
    .prefault({});

const colors = DEFAULTS.colors;

export const appearanceSchema = z.strictObject({
  headerImage: z
    .strictObject({
      url: optionalSafeUrl.default(DEFAULTS.headerImage.url),
      alwaysDisplay: z.boolean().default(DEFAULTS.headerImage.alwaysDisplay),
    })
    .prefault({}),
  font: z
    .strictObject({
      /** A system stack name from FONT_STACKS, or the family name of the web font at `url`. */
      family: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,59}$/, { error: 'Use a font family name: letters, digits, spaces and dashes' })
        .default(DEFAULTS.font.family),
      /** A stylesheet the partner hosts with the @font-face rules for `family`. */
      url: optionalSafeUrl.default(DEFAULTS.font.url),
    })
    .prefault({}),
  colors: z
    .strictObject({
      primary: hexColor.default(colors.primary),
      secondary: hexColor.default(colors.secondary),
      /** Headings and body text; the brand colour (primary) is for buttons and accents. */
      text: hexColor.default(colors.text),
      inactive: hexColor.default(colors.inactive),
      success: hexColor.default(colors.success),
      warning: hexColor.default(colors.warning),
      failure: hexColor.default(colors.failure),
      background: hexColor.default(colors.background),
      links: hexColor.default(colors.links),
      accreditation: hexColor.default(colors.accreditation),
    })
    .prefault({}),
  typography: z
    .strictObject({
      headingSize: pixels(12, 64).default(DEFAULTS.typography.headingSize),
      paragraphSize: pixels(10, 32).default(DEFAULTS.typography.paragraphSize),
      lineHeight: pixels(12, 64).default(DEFAULTS.typography.lineHeight),
    })
    .prefault({}),
  buttons: z
    .strictObject({
      primary: buttonSchema(DEFAULTS.buttons.primary),
      secondary: buttonSchema(DEFAULTS.buttons.secondary),
    })
    .prefault({}),
  wrapper: z.strictObject({ desktopWidth: pixels(320, 1200).default(DEFAULTS.wrapper.desktopWidth) }).prefault({}),
});
