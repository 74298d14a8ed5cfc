import type { HolderData } from '../data/holder-data.js';
import type { AccessVariables } from './access.js';
import type { VersionVariables } from './version-negotiation.js';

/** What every resource route reads from the context, set by the middleware in resource-api.ts. */
export type ResourceEnv = { Variables: AccessVariables & VersionVariables & { interactionId: string } };

/** What the routes are built from. */
export interface ResourceDeps {
  readonly data: HolderData;
  readonly clock: () => Date;
  /** Keys the per-software-product ids (public-ids.ts); absent, the holder's ids are shown. */
  readonly idSecret?: string;
}
