import type { Messages } from './messages.js';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const enAU: Messages = {
  loading: 'Loading…',
  errorTitle: 'Something went wrong',
  errorRetry: 'Try again',
  previewBadge: 'Preview',
  continue: 'Continue',
  back: 'Back',
  cancel: 'Cancel',

  introHowItWorks: 'How it works',
  introSteps: [
    'Review what data is requested and why.',
    'Choose your bank and confirm with a one-time password at your bank. We never see your banking password.',
    'Choose the accounts to share. You can stop sharing at any time.',
  ],
  accreditedRecipient: (name, number) => `${name} is an Accredited Data Recipient (accreditation number ${number}).`,
  introCdrNote: 'Your data is shared under the Consumer Data Right, an Australian Government scheme.',

  consentHeading: (brand) => `${brand} is requesting your data`,
  purposesHeading: 'Why we need your data',
  dataHeading: 'Data we need',
  required: 'Required',
  optional: 'Optional',
  showPermissions: (label) => `Show what "${label}" includes`,
  clusterPurpose: (purpose) => `Used for: ${purpose}`,
  durationHeading: 'How long we need your data',
  sharingPeriod: (days, start, end) => `We will collect your data for ${days}, from ${start} until ${end}.`,
  historyHeading: 'Historical data',
  historicalRange: (from, days) => `We will collect data back to ${from} (${days} of history).`,
  dataHandlingHeading: 'What happens to your data',
  retainData: 'We will keep your data for the sharing period so we do not need to ask you again.',
  noRetainData: 'We will only keep your data for as long as we need it to provide the service.',
  onRevocationDelete: 'When sharing ends or you withdraw your consent, we will delete your data.',
  onRevocationDeidentify: 'When sharing ends or you withdraw your consent, we will de-identify your data. You can ask us to delete it instead.',
  withdrawHeading: 'Stopping sharing',
  withdrawHow: (brand) => `You can withdraw your consent at any time in ${brand}'s consent dashboard, or by contacting ${brand}.`,
  agree: 'I agree',
  days: (count) => plural(count, 'day', 'days'),
};
