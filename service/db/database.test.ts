import { describe, expect, it } from 'vitest';
import { fromDatabase } from './database-errors.js';
import { databasePath, describeDatabase, unreachableMessage } from './database.js';
import { dialectOfUrl } from './dialect.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5433'), { code: 'ECONNREFUSED' });

describe('DATABASE_URL', () => {
  it('selects PostgreSQL for postgres:// and postgresql://, SQLite for anything else', () => {
    for (const url of ['postgres://u:p@db:5432/consent', 'postgresql://db/consent', 'POSTGRES://db/consent']) expect(dialectOfUrl(url)).toBe('postgres');
    for (const url of ['./data/consent.db', '/var/lib/consent.db', 'file:./x.db', 'file:///tmp/x.db', 'sqlite:./x.db', 'sqlite:///tmp/x.db', ':memory:']) expect(dialectOfUrl(url)).toBe('sqlite');
  });

  it('names the SQLite file of a path, file: or sqlite: URL', () => {
    expect(databasePath('./data/consent.db')).toBe('./data/consent.db');
    expect(databasePath('file:///tmp/x.db')).toBe('/tmp/x.db');
    expect(databasePath('file:./x.db')).toBe('./x.db');
    expect(databasePath('sqlite:///tmp/x.db')).toBe('/tmp/x.db');
    expect(databasePath('sqlite:./x.db')).toBe('./x.db');
  });

  it('is described for people without its credentials', () => {
    expect(describeDatabase('postgres://consent:s3cret@db.internal:5433/consent?sslmode=require')).toBe('PostgreSQL at db.internal:5433/consent');
    expect(describeDatabase('postgresql://db.internal/consent')).toBe('PostgreSQL at db.internal:5432/consent');
    expect(describeDatabase('./data/consent.db')).toBe('SQLite ./data/consent.db');
  });
});

describe('unreachableMessage', () => {
  it('says where the database was looked for when its driver could not connect', () => {
    const error = new Error('Migration failed', { cause: fromDatabase(refused()) });
    expect(unreachableMessage('postgres://consent:s3cret@10.0.0.9:5433/consent', error)).toBe('Cannot reach the database: PostgreSQL at 10.0.0.9:5433/consent (connect ECONNREFUSED 10.0.0.9:5433)');
  });

  it('leaves other errors alone, a refused connection elsewhere (a data holder, a webhook) included', () => {
    expect(unreachableMessage('postgres://db/consent', new TypeError('fetch failed', { cause: refused() }))).toBeUndefined();
    expect(unreachableMessage('postgres://db/consent', new Error('syntax error'))).toBeUndefined();
  });
});
