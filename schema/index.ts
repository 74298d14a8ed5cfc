/** Consent UI's shared contract: the config schema, its defaults and the CDR data language. */
export { configSchema } from './config/config.js';
export type {
  Appearance,
  Config,
  ConfigInput,
  ConsentPolicy,
  FlowPreferences,
  InstitutionsSelection,
  Permission,
  Purpose,
} from './config/config.js';
export { consentSchema, permissionSchema, purposeSchema } from './config/consent.js';
export { appearanceSchema } from './config/appearance.js';
export { institutionsSchema } from './config/institutions.js';
export { flowSchema } from './config/flow.js';
export { ConfigError, formatPath, parseConfig, safeParseConfig, toProblems, type ConfigProblem, type ConfigResult } from './config/parse-config.js';
export { configJsonSchema } from './config/json-schema.js';
export { DEFAULT_CONFIG, FONT_STACKS, type FontStackName } from './defaults.js';
export { hexColor, optionalSafeUrl, slug, unsafeUrlReason } from './primitives.js';
export { CLUSTER_SCOPES, basicScopeOf, type ClusterLabel, type ClusterScope, type DataLanguageRow } from './cdr/data-language.js';
export { DATA_LANGUAGE_ROWS, clusterLabels, type LabelOptions } from './cdr/cluster-labels.js';
export { INSTITUTION_STATUSES, institutionListSchema, institutionSchema, type Institution, type InstitutionList, type InstitutionStatus } from './api/institution.js';
export * from './api/pagination.js';
export { RESULT_PARAM } from './api/bank-return.js';
export * from './api/api-key.js';
export * from './api/config-draft.js';
export * from './api/user.js';
export * from './api/session.js';
export * from './api/consent.js';
