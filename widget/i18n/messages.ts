/** Every user-facing string the widget shows; one object per locale implements it. */
export interface Messages {
  readonly loading: string;
  readonly errorTitle: string;
  readonly errorRetry: string;
  readonly previewBadge: string;
  readonly continue: string;
  readonly back: string;
  readonly cancel: string;

  readonly introHowItWorks: string;
  readonly introSteps: readonly string[];
  readonly accreditedRecipient: (name: string, number: string) => string;
  readonly introCdrNote: string;

  readonly consentHeading: (brand: string) => string;
  readonly purposesHeading: string;
  readonly dataHeading: string;
  readonly required: string;
  readonly optional: string;
  readonly showPermissions: (label: string) => string;
  readonly clusterPurpose: (purpose: string) => string;
  readonly durationHeading: string;
  readonly sharingPeriod: (days: string, start: string, end: string) => string;
  readonly historyHeading: string;
  readonly historicalRange: (from: string, days: string) => string;
  readonly dataHandlingHeading: string;
  readonly retainData: string;
  readonly noRetainData: string;
  readonly onRevocationDelete: string;
  readonly onRevocationDeidentify: string;
  readonly withdrawHeading: string;
  readonly withdrawHow: (brand: string) => string;
  readonly agree: string;
  readonly days: (count: number) => string;
}

export type Locale = string;
