import { describe, expect, it } from 'vitest';
import { databaseCondition } from './database-errors.js';

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

  it('finds the condition in a wrapped cause, and nothing in other errors', () => {
    expect(databaseCondition(new Error('migration failed', { cause: withCode('SQLITE_FULL') }))).toBe('full');
    expect(databaseCondition(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(databaseCondition(withCode('SQLITE_BUSYNESS'))).toBeUndefined();
    expect(databaseCondition(withCode('23505'))).toBeUndefined();
    expect(databaseCondition(new Error('plain'))).toBeUndefined();
    expect(databaseCondition('SQLITE_BUSY')).toBeUndefined();
  });
});
