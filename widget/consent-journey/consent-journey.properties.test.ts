import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { parseConfig } from '../../schema/index.js';
import { validConfigInput } from '../../schema/testing/config-arbitraries.js';
import type { PartialConfig } from '../config/complete-config.js';
import type { ConsentJourney } from './consent-journey.js';
import { STEPS } from '../events.js';
import { loadLocale } from '../i18n/catalogue.js';
import { journey, shadow } from '../testing/journey-fixtures.js';
import '../index.js';

const RUNS = 500;

const LOCALES = ['en-AU', 'zh-CN'] as const;

/** Entrance fades end at once (a spinner's endless animation is left running). */
function finishFades(el: ConsentJourney) {
  for (const animation of shadow(el).getAnimations()) if (animation.effect?.getTiming().iterations !== Infinity) animation.finish();
}

/** Collects what would reach a developer's console as an error while `run` is going. */
async function collectingErrors(run: (errors: string[]) => Promise<void>) {
  const errors: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    consoleError(...args);
  };
  const onError = (event: ErrorEvent) => errors.push(String(event.error ?? event.message));
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  try {
    await run(errors);
  } finally {
    console.error = consoleError;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  }
}

describe('<consent-journey> with any config the schema accepts', function () {
  this.timeout(150_000);

  it(`renders all six steps, in en-AU and zh-CN, without a thrown or console error (${RUNS} configs)`, async () => {
    // One element for every config, as the editor's preview keeps one while the designer types.
    const el = await journey({});
    await Promise.all(LOCALES.map((locale) => loadLocale(locale)));
    let runs = 0;
    await collectingErrors(async (errors) => {
      await fc.assert(
        fc.asyncProperty(validConfigInput, fc.boolean(), fc.constantFrom(...LOCALES), async (input, stored, locale) => {
          runs++;
          // As stored by the service (parsed, every field present), or as a partner might set the property.
          el.config = (stored ? parseConfig(input) : input) as PartialConfig;
          el.locale = locale;
          // Both locales' messages are here: a config set by hand renders in this very update.
          await el.updateComplete;
          finishFades(el);
          for (const step of STEPS) {
            await el.showStep(step);
            await el.updateComplete;
            finishFades(el);
            expect(shadow(el).querySelector('.step')?.getAttribute('data-step'), step).to.equal(step);
            expect(shadow(el).querySelector('.step-heading')?.textContent?.trim(), `${step} heading`).not.to.equal('');
            if (step === 'intro') expect(shadow(el).querySelector('.brand')?.textContent, 'brand name').to.contain(parseConfig(input).consent.brandName);
          }
          expect(errors, JSON.stringify(input)).to.deep.equal([]);
        }),
        { numRuns: RUNS, includeErrorInReport: true },
      );
    });
    console.log(`consent-journey: ${runs} configs × ${STEPS.length} steps rendered`);
  });
});
