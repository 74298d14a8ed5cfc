export declare const BUDGET_BYTES: number;
export declare function measure(): Promise<{ name: string; bytes: number; gzip: number }[]>;
