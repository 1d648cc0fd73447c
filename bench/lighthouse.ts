// Lighthouse (desktop preset) on the pages a manager lives in: the inbox, a deal card and the board,
// signed in as the demo owner of a fresh embedded folder, in Debian's Chromium.
//   npx tsx bench/lighthouse.ts [--runs 3]      (npm run build first; a quiet machine)
// Prints a Markdown table of the median performance and accessibility scores and the main timings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import { freePort } from '../src/test/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(opt.runs);

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-lh-'));
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'bin', 'voronka.js'), 'start'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    VORONKA_DATA_DIR: dataDir,
    VORONKA_SMTP_PORT: 'off',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout.on('data', (d) => (out += d));
try {
  while (!/password:\s+\S+/.test(out)) {
    if (server.exitCode !== null) throw new Error(`server exited: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const email = /e-mail:\s+(\S+)/.exec(out)![1]!;
  const password = /password:\s+(\S+)/.exec(out)![1]!;
  const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const get = async (p: string) =>
    (await fetch(`${base}/api/v1${p}`, { headers: { cookie } })).json() as Promise<{
      items: { id: string }[];
    }>;
  const deal = (await get('/deals?limit=1')).items[0]!;
  const pages = [
    ['inbox', '/inbox'],
    ['deal card', `/deals/${deal.id}`],
    ['board', '/pipeline'],
  ] as const;

  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS | transferred KiB |`,
  );
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
  try {
    for (const [name, url] of pages) {
      const results: {
        perf: number;
        a11y: number;
        fcp: number;
        lcp: number;
        tbt: number;
        cls: number;
        kib: number;
      }[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await lighthouse(
          `${base}${url}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            extraHeaders: { cookie },
            onlyCategories: ['performance', 'accessibility'],
          },
          desktop,
        );
        const lhr = r!.lhr;
        const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
        results.push({
          perf: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          a11y: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          fcp: num('first-contentful-paint'),
          lcp: num('largest-contentful-paint'),
          tbt: num('total-blocking-time'),
          cls: num('cumulative-layout-shift'),
          kib: num('total-byte-weight') / 1024,
        });
        const failed = Object.values(lhr.audits).filter(
          (a) =>
            a.score === 0 && lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id),
        );
        if (i === 0 && failed.length) {
          console.error(
            `${name}: accessibility audits failed: ${failed.map((a) => a.id).join(', ')}`,
          );
          if (process.env.LH_DETAILS) {
            for (const a of failed) {
              const items = (
                (
                  a.details as
                    { items?: { node?: { snippet?: string; explanation?: string } }[] } | undefined
                )?.items ?? []
              ).slice(0, 6);
              for (const it of items)
                console.error(
                  `  ${a.id}: ${it.node?.snippet?.slice(0, 140)} — ${it.node?.explanation?.split('\n')[1]?.slice(0, 120) ?? ''}`,
                );
            }
          }
        }
      }
      const m = (k: keyof (typeof results)[number]) => median(results.map((x) => x[k]));
      console.log(
        `| ${name} | ${m('perf')} | ${m('a11y')} | ${Math.round(m('fcp'))} | ${Math.round(m('lcp'))} | ${Math.round(m('tbt'))} | ${m('cls').toFixed(3)} | ${Math.round(m('kib'))} |`,
      );
    }
  } finally {
    await chrome.kill();
  }
  console.log(
    `\n(median of ${runs} runs each, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
