import type { Step } from '../../events.js';

/** Every user-facing string the editor shows; one object per locale implements it. */
export interface EditorMessages {
  readonly appTitle: (appName: string) => string;
  readonly loading: string;
  readonly loadFailed: (detail: string) => string;
  readonly tabs: { readonly consent: string; readonly appearance: string; readonly institutions: string; readonly flow: string };
  readonly tabsLabel: string;
  /** Beside a tab's name when it holds invalid fields: part of the tab's accessible name. */
  readonly tabErrors: (count: number) => string;
  readonly problemsLabel: string;

  /** Field labels by config path (`consent.brandName`); array items use their own labels below. */
  readonly fields: Readonly<Record<string, string>>;
  readonly hints: Readonly<Record<string, string>>;
  readonly groups: { readonly headerImage: string; readonly colours: string; readonly primaryButton: string; readonly secondaryButton: string };
  readonly stepNames: Readonly<Record<Step, string>>;
  readonly showsOn: (steps: string) => string;
  readonly everyStep: string;
  readonly showStep: (step: string) => string;
  readonly resetField: (label: string) => string;
  /** A text's words in another locale: "Title in Chinese (Simplified)". */
  readonly inLocale: (label: string, locale: string) => string;
  /** A field the designer may leave empty: "Title in Chinese (Simplified), optional". */
  readonly optional: (label: string) => string;
  readonly localeNames: Readonly<Record<string, string>>;
  readonly resetLabel: string;
  readonly contrastFails: (ratio: string, against: string) => string;
  readonly contrastPasses: (ratio: string) => string;
  readonly colourPicker: (label: string) => string;
  readonly hexField: (label: string) => string;

  readonly purpose: (n: number) => string;
  readonly purposeId: string;
  readonly purposeTitle: string;
  readonly purposeDescription: string;
  readonly addPurpose: string;
  readonly removePurpose: (n: number) => string;
  readonly permissionsLegend: string;
  readonly permissionRequired: string;
  readonly permissionPurpose: string;
  /** A permission row in the publish diff, by position. */
  readonly permissionItem: (n: number) => string;
  readonly permissionCluster: string;
  readonly allPurposes: string;
  readonly clusterGroups: { readonly common: string; readonly bank: string; readonly energy: string };
  readonly onRevocationOptions: { readonly delete: string; readonly deidentify: string };
  readonly fontOptions: Readonly<Record<string, string>>;
  readonly customFont: string;
  readonly uploadImage: string;
  readonly uploadFailed: (detail: string) => string;

  readonly selectAllInstitutions: string;
  readonly searchInstitutions: string;
  readonly institutionsCount: (shown: number, selected: number) => string;
  readonly institutionsUnavailable: string;
  readonly noInstitutionsMatch: string;

  readonly status: {
    readonly saved: string;
    readonly saving: string;
    readonly invalid: (count: number) => string;
    readonly offline: string;
    readonly conflict: string;
    readonly expired: string;
  };
  readonly conflictBody: (by: string, at: string) => string;
  readonly conflictReload: string;
  readonly conflictOverwrite: string;
  readonly restoredLocal: string;

  readonly previewLabel: string;
  readonly previewStep: string;
  readonly previewWidth: string;
  readonly desktop: string;
  readonly mobile: string;
  readonly previewLink: string;
  readonly previewLinkCreate: string;
  readonly previewLinkExpires: (at: string) => string;
  readonly previewLinkQr: string;
  readonly viewingVersion: (version: number) => string;
  readonly backToDraft: string;

  readonly publish: string;
  readonly publishHeading: string;
  readonly publishBlocked: (count: number) => string;
  readonly publishWaitSave: string;
  readonly publishNoChanges: string;
  readonly publishConfirm: string;
  readonly publishCancel: string;
  readonly published: (version: number) => string;
  readonly diffField: string;
  readonly diffLive: string;
  readonly diffDraft: string;
  readonly diffEmpty: string;

  readonly historyHeading: string;
  readonly historyEmpty: string;
  readonly version: (n: number) => string;
  readonly live: string;
  readonly publishedBy: (by: string, at: string) => string;
  readonly view: (n: number) => string;
  readonly rollBack: (n: number) => string;
  readonly rolledBack: (n: number) => string;
  /** The rollback confirmation: which version, and that the draft is replaced (and can be undone). */
  readonly rollbackHeading: (n: number) => string;
  readonly rollbackBody: (n: number, revision: number) => string;
  readonly rollbackConfirm: (n: number) => string;
  readonly rollbackCancel: string;
  readonly undoRollback: string;
  readonly rollbackUndone: (revision: number) => string;
  readonly diffOn: string;
  readonly diffOff: string;
  readonly close: string;
  readonly livePreview: { readonly heading: string; readonly following: string; readonly reconnecting: string; readonly waiting: string };
}
