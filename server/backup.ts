/**
 * `npm run backup -- <file>`: a consistent copy of the board database, safe while the server
 * runs. Copying `data/` by hand while the server writes can catch the database file and its WAL
 * at different moments (a checkpoint in between), and the copy then lacks recent changes or is
 * corrupt. `VACUUM INTO` reads the database in one read transaction, which in WAL mode neither
 * waits for the server's commits nor holds them up, and writes a compact copy of that moment.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnv } from './config.js';

export class BackupError extends Error {}

export interface BackupResult {
  path: string;
  bytes: number;
  boards: number;
}

/** Copy the database at `source` into a new file `dest` (which must not exist yet). */
export function backupDatabase(source: string, dest: string): BackupResult {
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  // SQLite would also refuse a non-empty file; an empty one it would fill, but a name that is
  // taken is more likely a mistake (yesterday's backup) than a placeholder.
  if (existsSync(dest)) throw new BackupError(`${dest} already exists; choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The server's own busy timeout: a reader can be held off briefly (the WAL being recovered or restarted).
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(dest);
  } catch (err) {
    throw new BackupError(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
  }
  const copy = new Database(dest, { readonly: true, fileMustExist: true });
  try {
    const ok = copy.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new BackupError(`the copy at ${dest} failed its integrity check: ${String(ok)}`);
    const boards = copy.prepare<[], { n: number }>('SELECT count(*) AS n FROM boards').get()!.n;
    return { path: dest, bytes: statSync(dest).size, boards };
  } finally {
    copy.close();
  }
}

function main(argv: string[]): number {
  const dest = argv[0];
  if (!dest || argv.length > 1 || dest.startsWith('-')) {
    console.error('usage: npm run backup -- <new file>   (the database is CHARRETTE_DATA, default data/charrette.db)');
    return 2;
  }
  let source: string;
  try {
    source = configFromEnv().dataPath;
  } catch (err) {
    console.error(`[charrette] configuration error: ${(err as Error).message}`);
    return 1;
  }
  try {
    const r = backupDatabase(source, resolve(dest));
    console.log(`[charrette] backed up ${r.boards} board(s) from ${source} to ${r.path} (${(r.bytes / 1024 / 1024).toFixed(1)} MB)`);
    return 0;
  } catch (err) {
    console.error(`[charrette] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
