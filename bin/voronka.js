#!/usr/bin/env node
// Runs the compiled server (dist/, built by scripts/build-server.js at install and by `npm start`)
// while it is current; otherwise, as in development after an edit, the TypeScript sources through tsx.
// VORONKA_FROM_SOURCE=1 always runs the sources.
import { isServerBuildFresh } from '../scripts/server-build-stamp.js';

let main;
if (process.env.VORONKA_FROM_SOURCE !== '1' && isServerBuildFresh()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
await main();
