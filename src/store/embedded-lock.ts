import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { DocketError } from '../core/errors.js';

/**
 * The embedded store is one process's database: two processes opening the same folder would corrupt it.
 * A lock file holding the owner's pid keeps a second one (a CLI command while the server runs) out, with a
 * clear message; a lock left by a process that no longer runs is taken over.
 */
export function lockEmbeddedStore(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'docket.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DocketError(
          'store_locked',
          `the embedded store in ${dataDir} is in use by process ${owner}; stop it first, or run Docket on PostgreSQL (DATABASE_URL) to share a database between processes`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DocketError('store_locked', `cannot lock the embedded store in ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
