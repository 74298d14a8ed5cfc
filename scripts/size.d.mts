export declare const BUDGET_BYTES: number;
export declare function measure(): Promise<{ name: string; bytes: number; gzip: number }[]>;
export declare function budgeted(files: { name: string; gzip: number }[]): { module: number; classic: number; classicWithFloating: number };
