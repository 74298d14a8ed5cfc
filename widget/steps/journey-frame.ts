import { html, nothing } from 'lit';
import type { Step } from '../events.js';
import { authenticateStep } from './authenticate-step.js';
import { consentStep } from './consent-step.js';
import { headerImage } from './header-image.js';
import { institutionStep } from './institution-step.js';
import { introStep } from './intro-step.js';
import { progressStep } from './progress-step.js';
import type { StepContext } from './step-context.js';
import { primaryButton, secondaryButton, stepActions, stepHeading } from './step-parts.js';
import { exitedPanel, finishedPanel, successStep } from './success-step.js';

const STEP_TEMPLATES: Record<Step, (context: StepContext) => unknown> = {
  intro: introStep,
  consent: consentStep,
  institution: institutionStep,
  authenticate: authenticateStep,
  progress: progressStep,
  success: successStep,
};

/** "Leave" past the consent step asks first: the choices made so far would be lost. */
function leavingPanel(context: StepContext) {
  const { messages: m, journey } = context;
  return html`
    ${stepHeading(m.leaveHeading)}
    <p>${m.leaveText}</p>
    ${stepActions(context, primaryButton(m.stay, () => journey.stay(), 'stay'), secondaryButton(m.leave, () => journey.exit(), 'leave'))}
  `;
}

/**
 * The frame around every step: a header with the step count and a leave button (exit on every step),
 * the partner's header image, then the step itself.
 */
export function journeyFrame(context: StepContext, shownSteps: readonly Step[]) {
  const { config, messages: m, journey, preview } = context;
  const step = journey.step;
  const ended = journey.exited || journey.finished;
  const referenceName = config.flow.referenceName;
  const index = shownSteps.indexOf(step) + 1;
  return html`
    <header class="header" part="header">
      ${preview ? html`<span class="preview-badge">${m.previewBadge}</span>` : nothing}
      ${ended || index === 0 ? nothing : html`<span class="step-count">${m.stepOf(index, shownSteps.length)}</span>`}
      ${ended || journey.leaving || !journey.canLeave
        ? nothing
        : html`<button type="button" class="link-button" part="exit" data-action="exit" @click=${() => journey.exit()}>
            ${referenceName ? m.exitTo(referenceName) : m.exit}
          </button>`}
    </header>
    ${headerImage(context, step === 'intro' && !ended)}
    <div class="step" data-step=${ended ? (journey.exited ? 'exited' : 'finished') : journey.leaving ? 'leaving' : step}>
      ${journey.exited ? exitedPanel(context) : journey.finished ? finishedPanel(context) : journey.leaving ? leavingPanel(context) : STEP_TEMPLATES[step](context)}
    </div>
  `;
}
