// `npm start` on a fresh clone: build the web app once if it has not been built yet. The build's own
// output stays out of the way (the start block with the sign-in must be what one reads last); it is
// shown only when the build fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

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
