export type AuditVerdict = { status: 'passed' | 'failed' | 'skipped'; message: string };
export declare function judgeAudit(stdout: string, timedOut?: boolean): AuditVerdict;
export declare function auditProduction(): AuditVerdict;
