export interface TestPostgres {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  start(): void;
  stop(): void;
  destroy(): void;
}
export declare function findPostgres(): string | undefined;
export declare function ensurePostgres(): string;
export declare function reapAbandoned(bin?: string): void;
export declare function startPostgres(options?: { bin?: string }): Promise<TestPostgres>;
