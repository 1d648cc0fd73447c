// Compiles the server's TypeScript (src/ and the contract package) to plain JavaScript in dist/, one
// file per source file, so `voronka start` and `voronka worker` do not compile at run time (tsx stays
// for development and tests). dist/ mirrors src/ at the same depth, so paths a module finds through
// import.meta.url (migrations, eval sets, the web app) resolve as from src/; the files that are read
// at run time next to their module (widgets, SQL) are copied. The contract package is compiled into
// dist/_contract and its bare imports are pointed there. `isServerBuildFresh` (bin/voronka.js) uses
// the stamp to fall back to the sources whenever one of them is newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildStamp, newestSource, root, sourceFiles } from './server-build-stamp.js';

const dist = path.join(root, 'dist');
const contractOut = path.join(dist, '_contract');

export async function buildServer() {
  const started = Date.now();
  const newest = newestSource();
  fs.rmSync(dist, { recursive: true, force: true });
  const { ts: serverTs, assets } = sourceFiles(path.join(root, 'src'));
  const { ts: contractTs } = sourceFiles(path.join(root, 'contract', 'src'));
  const common = {
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  };
  await build({ ...common, entryPoints: serverTs, outbase: path.join(root, 'src'), outdir: dist });
  await build({
    ...common,
    entryPoints: contractTs,
    outbase: path.join(root, 'contract', 'src'),
    outdir: contractOut,
  });
  for (const file of assets) {
    const target = path.join(dist, path.relative(path.join(root, 'src'), file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  // The one bare import of a workspace package: point it at the compiled contract.
  for (const file of serverTs) {
    const out = path
      .join(dist, path.relative(path.join(root, 'src'), file))
      .replace(/\.ts$/, '.js');
    const text = fs.readFileSync(out, 'utf8');
    if (!text.includes('"@voronka/contract"')) continue;
    let rel = path.relative(path.dirname(out), path.join(contractOut, 'index.js'));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    fs.writeFileSync(out, text.replaceAll('"@voronka/contract"', JSON.stringify(rel)));
  }
  fs.writeFileSync(buildStamp, JSON.stringify({ newestSource: newest, builtAt: Date.now() }));
  return { files: serverTs.length + contractTs.length, ms: Date.now() - started };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, ms } = await buildServer();
  process.stdout.write(`Server compiled to dist/ (${files} files, ${ms} ms)\n`);
}
