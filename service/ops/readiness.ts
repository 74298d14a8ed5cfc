import { Migrator, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { migrationProvider } from '../db/migrations/index.js';

/**
 * Whether this instance should be sent traffic: not while it drains for a stop, not while its database
 * does not answer, and not while the database lacks a migration this code expects. Migrations this code
 * does not know (a newer instance ran them) leave it ready: they only add, and it is about to be replaced.
 */
export class Readiness {
  #draining = false;

  constructor(private readonly db: Db) {}

  /** From now on not ready: a stop has begun. */
  drain(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Undefined when ready; otherwise why not, in a sentence. */
  async problem(): Promise<string | undefined> {
    if (this.#draining) return 'The service is stopping.';
    try {
      await sql`select 1`.execute(this.db);
    } catch {
      return 'The database did not answer.';
    }
    try {
      const pending = (await new Migrator({ db: this.db, provider: migrationProvider }).getMigrations()).filter((m) => m.executedAt === undefined);
      if (pending.length) return `Migrations not applied: ${pending.map((m) => m.name).join(', ')}.`;
    } catch {
      return 'The migrations could not be read.';
    }
    return undefined;
  }
}
