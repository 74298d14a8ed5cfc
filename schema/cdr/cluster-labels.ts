import { BUSINESS_ROWS, PERSONAL_ROWS, type DataLanguageRow } from './data-language.data.js';
import { clusterLabels as personalLabels, type ClusterLabel, type ClusterScope } from './data-language.js';

/** Every row of the standard's cluster tables, personal then business. */
export const DATA_LANGUAGE_ROWS: readonly DataLanguageRow[] = [...PERSONAL_ROWS, ...BUSINESS_ROWS];

export interface LabelOptions {
  /** Business consumers get the '*' rows where the standard has them. */
  readonly business?: boolean;
}

// Banking and energy clusters have no business rows: the personal row serves both kinds of consumer.
const BUSINESS_FIRST = [...BUSINESS_ROWS, ...PERSONAL_ROWS];

/**
 * The labels for a personal or a business consumer (the sandbox bank, the editor, the service). The
 * journey imports the personal-only `clusterLabels` of ./data-language.ts, so its bundle carries no
 * business rows; both give the same labels for a personal consumer.
 */
export function clusterLabels(scopes: readonly ClusterScope[], options: LabelOptions = {}): ClusterLabel[] {
  return personalLabels(scopes, options.business ? BUSINESS_FIRST : PERSONAL_ROWS);
}
