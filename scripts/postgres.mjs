// A throwaway PostgreSQL server for the tests: found (or, as root, installed from Debian's `postgresql`),
// initialised in a temporary folder, listening on 127.0.0.1 on a free port, and stopped and removed
// afterwards. `node scripts/postgres.mjs` runs one in the foreground and prints its URL.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = 'consent-ui-pg-';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'];
const hasTools = (dir) => TOOLS.every((tool) => existsSync(join(dir, tool)));

/** The folder holding initdb, pg_ctl and postgres: POSTGRES_BIN, Debian's newest version, or PATH. */
export function findPostgres() {
  if (process.env.POSTGRES_BIN && hasTools(process.env.POSTGRES_BIN)) return process.env.POSTGRES_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    const found = versions.map((v) => join(debian, v, 'bin')).find(hasTools);
    if (found) return found;
  }
  return (process.env.PATH ?? '').split(delimiter).find((dir) => dir && hasTools(dir));
}

/** PostgreSQL's binaries, installing Debian's package if needed and allowed; exits with a one-line hint otherwise. */
export function ensurePostgres() {
  const found = findPostgres();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error('The PostgreSQL tests need a PostgreSQL server: run `sudo apt-get install -y postgresql` (or set POSTGRES_BIN to the folder holding initdb and pg_ctl), then `npm test` again.');
    process.exit(1);
  }
  console.log('Installing Debian postgresql for the database tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  const installed = findPostgres();
  if (!installed) {
    console.error('apt-get finished but no initdb/pg_ctl was found; set POSTGRES_BIN.');
    process.exit(1);
  }
  return installed;
}

/** PostgreSQL refuses to run as root: as root, the server runs as `postgres` (Debian's) or `nobody`. */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const [, , uid, gid] = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim().split(':');
      return { name, uid: Number(uid), gid: Number(gid) };
    } catch {
      // not on this machine: try the next
    }
  }
  throw new Error('Running as root, but neither a postgres nor a nobody user exists to run PostgreSQL as.');
}

function tool(bin, name, args, user, options = {}) {
  return execFileSync(join(bin, name), args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' },
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    ...options,
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Stops and removes servers whose owning process is gone (a run killed before it could clean up); a
 * live run's server is never touched.
 */
export function reapAbandoned(bin = findPostgres()) {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    let owner;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
    } catch {
      // Being created right now, or its creator died before writing its pid: leave young ones alone.
      if (Date.now() - statSync(dir, { throwIfNoEntry: false })?.mtimeMs < 10 * 60_000) continue;
    }
    if (owner && alive(owner)) continue;
    if (bin && existsSync(join(dir, 'data', 'postmaster.pid'))) {
      const { uid, gid } = statSync(dir);
      try {
        tool(bin, 'pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], process.getuid?.() === 0 && uid !== 0 ? { uid, gid } : undefined);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * @typedef {object} TestPostgres
 * @property {string} url  `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, loopback only)
 * @property {number} port
 * @property {string} dir  the temporary folder holding the cluster, its socket and its log
 * @property {() => void} start  starts it again on the same port (after `stop`)
 * @property {() => void} stop  a fast shutdown: open connections are cut, as when a server goes away
 * @property {() => void} destroy  stops it and removes its folder; safe to call more than once
 */

/**
 * Initialises and starts a server. Synchronous start and stop, so exit and signal handlers can use them.
 * @returns {Promise<TestPostgres>}
 */
export async function startPostgres({ bin = ensurePostgres() } = {}) {
  reapAbandoned(bin);
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  // Durability buys nothing for a throwaway cluster; the C locale sorts text byte-wise, as SQLite does.
  tool(bin, 'initdb', ['-U', 'postgres', '-A', 'trust', '--no-sync', '--locale=C', '-E', 'UTF8', '-D', data], user, { cwd: dir });
  let port = 0;
  let running = false;
  const start = () => {
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    tool(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start'], user, { cwd: dir });
    running = true;
  };
  const stop = () => {
    if (!running) return;
    running = false;
    tool(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], user, { cwd: dir });
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (error) {
      // Another process took the port between our look and the server's bind: take another.
      if (attempt === 3) {
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${error.stderr || error.message}\n${log}`);
      }
    }
  }
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start,
    stop,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startPostgres();
  console.log(`PostgreSQL (${findPostgres()}) in ${server.dir}; Ctrl-C stops and removes it.`);
  console.log(`export TEST_POSTGRES_URL=${server.url}`);
  const end = () => {
    server.destroy();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
  setInterval(() => {}, 1 << 30);
}
