/**
 * Every user-facing string the widget shows; one object per locale implements it (Shoelace-style typed
 * translations). CDR data-language labels come from schema/cdr in the standard's English; a locale
 * translates them through `dataLanguage`, keyed by the English words.
 */
import type { JourneyErrorCode } from '../backend/journey-backend.js';
import type { ConfigLoadError } from '../config/config-controller.js';

export interface Messages {
  readonly loading: string;
  readonly errorTitle: string;
  readonly errorRetry: string;
  /** Why the journey could not start, by `ConfigLoadError` code (the developer's wording goes to `consent-error`). */
  readonly configErrors: Readonly<Record<ConfigLoadError['code'], string>>;
  readonly previewBadge: string;
  readonly continue: string;
  readonly back: string;
  readonly cancel: string;
  readonly close: string;
  readonly exit: string;
  /** "Leave and go back to {partner}" when `flow.referenceName` is set. */
  readonly exitTo: (referenceName: string) => string;
  readonly stepOf: (index: number, total: number) => string;
  readonly moreAbout: (topic: string) => string;

  readonly introHowItWorks: string;
  readonly introSteps: readonly string[];
  readonly accreditedRecipient: (name: string, number: string) => string;
  readonly introCdrNote: string;
  readonly accreditationInfoTopic: string;
  readonly accreditationInfo: string;

  readonly consentHeading: (brand: string) => string;
  readonly purposesHeading: string;
  readonly dataHeading: string;
  readonly required: string;
  readonly optional: string;
  /** Renewing or amending a consent (Rule 4.12C): what is shared now, and every change marked. */
  readonly amendingNotice: string;
  readonly currentlyShared: string;
  readonly newlyRequested: string;
  readonly sharingChange: (from: string, to: string) => string;
  readonly showPermissions: (label: string) => string;
  readonly clusterPurpose: (purpose: string) => string;
  readonly durationHeading: string;
  readonly sharingPeriod: (days: string, start: string, end: string) => string;
  readonly historyHeading: string;
  readonly historicalRange: (from: string, days: string) => string;
  readonly historyInfo: string;
  readonly dataHandlingHeading: string;
  readonly retainData: string;
  readonly noRetainData: string;
  readonly onRevocationDelete: string;
  readonly onRevocationDeidentify: string;
  readonly withdrawHeading: string;
  readonly withdrawHow: (brand: string) => string;
  readonly withdrawLink: string;
  /** A link to the recipient's CDR policy (Rule 7.2), when `consent.cdrPolicyUrl` is set. */
  readonly cdrPolicy: string;
  /** A date with its consent's zone, said once per step: "4 December 2027 (Australian Eastern Time)". */
  readonly inZone: (date: string, zone: string) => string;
  /** The data language in this locale, by the standard's English words; absent for English. */
  readonly dataLanguage?: Readonly<Record<string, string>>;
  /** Known institution status reasons (the service's English) in this locale; unknown ones are not shown. */
  readonly statusReasons?: Readonly<Record<string, string>>;
  readonly agree: string;
  readonly days: (count: number) => string;

  readonly institutionHeading: string;
  readonly institutionSearchLabel: string;
  readonly institutionSearchHint: string;
  readonly institutionsLoading: string;
  readonly institutionsFound: (count: number) => string;
  readonly institutionsNone: (query: string) => string;
  readonly institutionsEmpty: string;
  readonly statusDegraded: string;
  readonly statusDown: string;
  readonly sandboxBadge: string;
  readonly preselectedUnavailable: string;

  readonly authenticateHeading: (bank: string) => string;
  readonly redirectNotice: (bank: string) => string;
  readonly passwordNotice: (brand: string, bank: string) => string;
  readonly previewAuthenticate: (bank: string) => string;
  readonly continueToBank: (bank: string) => string;
  readonly popupWaiting: (bank: string) => string;
  readonly popupShow: (bank: string) => string;
  readonly popupBlocked: (bank: string) => string;
  readonly continueHere: string;
  readonly bankClosed: (bank: string) => string;
  readonly handoffCancelled: (bank: string) => string;

  readonly progressHeading: (bank: string) => string;
  readonly taskConnect: (bank: string) => string;
  readonly taskConsent: string;
  readonly taskData: string;
  readonly taskStatus: { readonly pending: string; readonly active: string; readonly done: string; readonly failed: string };
  readonly progressErrorTitle: string;
  /** Plain explanations of journey error codes; `unknown` for the rest. */
  readonly journeyErrors: Readonly<Record<JourneyErrorCode, string>>;
  readonly chooseAnotherBank: string;
  readonly existingConsent: (bank: string, brand: string) => string;
  readonly changeConsent: string;
  readonly accountsShared: string;
  readonly leaveHeading: string;
  readonly leaveText: string;
  readonly leave: string;
  readonly stay: string;

  readonly successHeading: string;
  /** A link to the consent's CDR receipt (Rule 4.18). */
  readonly viewReceipt: string;
  readonly successSummary: (bank: string, until: string) => string;
  readonly dataNotCollected: (bank: string, brand: string) => string;
  readonly connectAnother: string;
  readonly done: string;
  readonly previewFinished: string;
  readonly previewWouldRedirect: (url: string) => string;
  readonly restart: string;
  readonly exitedHeading: string;
  readonly exitedText: string;

  readonly dialogLabel: string;
}

export type Locale = string;
