import { html } from 'lit';
import type { StepContext } from './step-context.js';

/** Step 1: who is asking, the accreditation notice and how the journey works (CX pre-consent). */
export function introStep(context: StepContext) {
  const { config, messages: m, next } = context;
  const { brandName, title, subtitle, accreditation } = config.consent;
  return html`
    <p class="brand" part="brand">${brandName}</p>
    <h2 class="step-heading" part="title" tabindex="-1">${title}</h2>
    ${subtitle ? html`<p class="subtitle" part="subtitle">${subtitle}</p>` : ''}
    <section class="card" part="card" aria-labelledby="how-it-works">
      <h3 id="how-it-works">${m.introHowItWorks}</h3>
      <ol class="how-it-works">
        ${m.introSteps.map((line) => html`<li>${line}</li>`)}
      </ol>
    </section>
    <p class="accreditation" part="accreditation">${m.accreditedRecipient(accreditation.name, accreditation.number)} ${m.introCdrNote}</p>
    <div class="actions">
      <button type="button" class="button button--primary" part="button-primary" @click=${next}>${m.continue}</button>
    </div>
  `;
}
