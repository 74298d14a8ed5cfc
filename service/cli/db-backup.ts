// `npm run db:backup -- DEST`: a consistent copy of the SQLite database (DATABASE_URL) while the service
// runs. PostgreSQL is backed up with pg_dump instead (docs/deploy.md).
import { backupPaths, backupSqlite } from '../db/backup.js';
import { readEnv } from '../env.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const { source, destination } = backupPaths(process.argv[2], readEnv().DATABASE_URL);
  const { pages, bytes, durationMs } = await backupSqlite(source, destination);
  console.log(`backed up ${source} to ${destination}: ${pages} pages, ${bytes} bytes, ${durationMs} ms, integrity ok`);
});
