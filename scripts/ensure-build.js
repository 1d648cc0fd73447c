// `npm start`: build what is missing or stale before the server starts. The web app is built once
// (about a minute; its output is shown only when the build fails); the server's JavaScript in dist/
// is rebuilt whenever a source is newer (a few seconds), so `start` never compiles at run time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { buildServer } from './build-server.js';
import { isServerBuildFresh } from './server-build-stamp.js';

if (!fs.existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  process.stdout.write('Building the web app (first start only, about a minute)… ');
  const started = Date.now();
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    process.stdout.write('failed:\n');
    process.stdout.write(build.stdout ?? '');
    process.stderr.write(build.stderr ?? '');
    process.exit(build.status ?? 1);
  }
  process.stdout.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

if (!isServerBuildFresh()) {
  const { files, ms } = await buildServer();
  process.stdout.write(`Server compiled (${files} files, ${(ms / 1000).toFixed(1)} s)\n`);
}
