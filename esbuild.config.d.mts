export declare const ENTRIES: Record<string, string>;
export declare const LOCALE_ENTRIES: Record<string, string>;
export declare function build(options?: { outdir?: string }): Promise<void>;
