// Whether dist/ (scripts/build-server.js) holds the current sources: the build records the newest
// source file's modification time; a source edited, added or removed since makes it stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const buildStamp = path.join(root, 'dist', '.build-stamp.json');

// TypeScript sources to compile (tests excluded) and the other files a module reads at run time.
export function sourceFiles(dir) {
  const ts = [];
  const assets = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue;
    if (file.endsWith('.ts')) ts.push(file);
    else if (!file.endsWith('.md')) assets.push(file);
  }
  return { ts, assets };
}

// The newest modification time over src/, contract/src/ and the folders themselves (a removed file
// changes its folder's time), as a number plus the count of files (a file restored with an old time).
export function newestSource() {
  let newest = 0;
  let count = 0;
  for (const dir of [path.join(root, 'src'), path.join(root, 'contract', 'src')]) {
    newest = Math.max(newest, fs.statSync(dir).mtimeMs);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      newest = Math.max(newest, fs.statSync(file).mtimeMs);
      count += 1;
    }
  }
  return `${newest}:${count}`;
}

export function isServerBuildFresh() {
  try {
    const stamp = JSON.parse(fs.readFileSync(buildStamp, 'utf8'));
    return stamp.newestSource === newestSource();
  } catch {
    return false;
  }
}
