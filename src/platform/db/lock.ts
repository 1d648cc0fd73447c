import fs from 'node:fs';
import path from 'node:path';

// PGlite is one process's database: a second process opening the same folder would corrupt it.
// The lock file names the owning pid; a stale lock (dead pid) is taken over.
export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Voronka process (pid ${pid}). ` +
        `Stop that process first (for example the running server: Ctrl+C or kill ${pid}), then run this command again. ` +
        `Nothing was changed. To run commands while the server is up, use PostgreSQL (DATABASE_URL) for both.`,
    );
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'voronka.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(pid, dataDir);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
