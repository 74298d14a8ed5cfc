import { html, nothing } from 'lit';
import type { ProgressTaskStatus } from '../backend/journey-backend.js';
import type { StepContext } from './step-context.js';
import { institutionName } from './step-context.js';
import { journeyErrorMessage, primaryButton, secondaryButton, stepActions, stepHeading } from './step-parts.js';

const ICONS: Record<ProgressTaskStatus, string> = { pending: '○', active: '◌', done: '✓', failed: '✕' };

/** Step 5: the connection's steps with live status; a failure is explained, with a retry. */
export function progressStep(context: StepContext) {
  const { messages: m, journey } = context;
  const bank = institutionName(context);
  const labels = { connect: m.taskConnect(bank), consent: m.taskConsent, data: m.taskData };
  const tasks = journey.progress?.tasks ?? (['connect', 'consent', 'data'] as const).map((id) => ({ id, status: 'pending' as const }));
  const error = journey.error;

  return html`
    ${stepHeading(m.progressHeading(bank))}
    <ol class="progress" part="progress" aria-live="polite">
      ${tasks.map(
        (task) => html`<li class="task task--${task.status}" data-task=${task.id} data-status=${task.status}>
          <span class="task__icon" aria-hidden="true">${ICONS[task.status]}</span>
          <span>${labels[task.id]}<span class="visually-hidden">: ${m.taskStatus[task.status]}</span></span>
        </li>`,
      )}
    </ol>
    ${error
      ? html`<div class="error" role="alert">
            <h3>${m.progressErrorTitle}</h3>
            <p>${journeyErrorMessage(m, error)}</p>
          </div>
          ${stepActions(
            context,
            error.retryable ? primaryButton(m.errorRetry, () => journey.retry(), 'retry') : nothing,
            secondaryButton(m.chooseAnotherBank, () => journey.connectAnother(), 'choose-another'),
          )}`
      : stepActions(context)}
  `;
}
