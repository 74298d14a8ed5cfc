import { describe, expect, it } from 'vitest';
import { databaseCondition, fromDatabase } from './database-errors.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code, cause === undefined ? {} : { cause }), { code });

describe('databaseCondition', () => {
  it('names SQLite’s busy, locked and full results, extended codes included', () => {
    expect(databaseCondition(withCode('SQLITE_BUSY'))).toBe('busy');
    expect(databaseCondition(withCode('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(databaseCondition(withCode('SQLITE_LOCKED_SHAREDCACHE'))).toBe('busy');
    expect(databaseCondition(withCode('SQLITE_FULL'))).toBe('full');
  });

  it('names PostgreSQL’s equivalents by SQLSTATE', () => {
    expect(databaseCondition(withCode('53100'))).toBe('full');
    for (const code of ['40001', '40P01', '55P03']) expect(databaseCondition(withCode(code))).toBe('busy');
  });

  it('names a database server that cannot be reached, from its driver only', () => {
    for (const code of ['57P01', '57P03', '08006']) expect(databaseCondition(withCode(code))).toBe('unavailable');
    expect(databaseCondition(fromDatabase(withCode('ECONNREFUSED')))).toBe('unavailable');
    expect(databaseCondition(new Error('query failed', { cause: fromDatabase(new Error('Connection terminated unexpectedly')) }))).toBe('unavailable');
    // The same words from a call to a data holder or a webhook endpoint are not the database's.
    expect(databaseCondition(new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }))).toBeUndefined();
    expect(databaseCondition(new Error('Connection terminated unexpectedly'))).toBeUndefined();
  });

  it('finds the condition in a wrapped cause, and nothing in other errors', () => {
    expect(databaseCondition(new Error('migration failed', { cause: withCode('SQLITE_FULL') }))).toBe('full');
    expect(databaseCondition(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(databaseCondition(withCode('SQLITE_BUSYNESS'))).toBeUndefined();
    expect(databaseCondition(withCode('23505'))).toBeUndefined();
    expect(databaseCondition(new Error('plain'))).toBeUndefined();
    expect(databaseCondition('SQLITE_BUSY')).toBeUndefined();
  });
});
