import { html } from 'lit';
import { localized } from '../i18n/localized.js';
import type { StepContext } from './step-context.js';
import { primaryButton, stepActions, stepHeading } from './step-parts.js';

/** Step 1: who is asking, the accreditation notice and how the journey works (CX pre-consent). */
export function introStep(context: StepContext) {
  const { config, messages: m, journey, locale } = context;
  const { brandName, accreditation } = config.consent;
  const title = localized(config.consent.title, locale);
  const subtitle = localized(config.consent.subtitle, locale);
  return html`
    <p class="brand" part="brand">${brandName}</p>
    ${stepHeading(title)}
    ${subtitle ? html`<p class="subtitle" part="subtitle">${subtitle}</p>` : ''}
    <section class="card" part="card" aria-labelledby="how-it-works">
      <h3 id="how-it-works">${m.introHowItWorks}</h3>
      <ol class="how-it-works">
        ${m.introSteps.map((line) => html`<li>${line}</li>`)}
      </ol>
    </section>
    <!-- Rule 4.11(3)(a),(b): the recipient's name and accreditation number. -->
    <p class="accreditation" part="accreditation">
      ${m.accreditedRecipient(accreditation.name, accreditation.number)} ${m.introCdrNote}
      <consent-info-popover label=${m.moreAbout(m.accreditationInfoTopic)}>${m.accreditationInfo}</consent-info-popover>
    </p>
    ${stepActions(context, primaryButton(m.continue, () => journey.next(), 'continue'))}
  `;
}
