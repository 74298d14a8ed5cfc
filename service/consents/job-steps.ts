/** A connection job's steps, in order, as the widget's progress step shows them (issue 5). */
export const JOB_STEPS = ['verify-credentials', 'retrieve-accounts', 'retrieve-transactions'] as const;
export type JobStepName = (typeof JOB_STEPS)[number];

export interface JobStep {
  readonly name: JobStepName;
  readonly status: 'pending' | 'running' | 'succeeded' | 'failed';
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly detail?: string;
}

export interface JobView {
  readonly id: string;
  readonly consentId: string;
  readonly kind: 'connect' | 'refresh' | 'extend';
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly steps: readonly JobStep[];
  readonly error?: { readonly step: JobStepName | undefined; readonly code: string; readonly detail: string };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const initialSteps = (): JobStep[] => JOB_STEPS.map((name) => ({ name, status: 'pending' }));
