export declare const ENTRIES: Record<string, string>;
export declare const LOCALE_ENTRIES: Record<string, string>;
export declare const SERVER_ENTRIES: Record<string, string>;
export declare function build(options?: { outdir?: string }): Promise<void>;
/** Paths relative to the repository: folders (every file but tests) or files. */
export declare function inputsHash(inputs?: readonly string[]): string;
/** Builds unless `outdir` holds a build of these inputs; true when it built. */
export declare function buildIfStale(options?: { outdir?: string; inputs?: readonly string[] }): Promise<boolean>;
