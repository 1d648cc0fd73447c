// Document rendering (issue 13): a 100-line invoice to PDF with pdfmake, several runs in one process.
//   node --expose-gc --import tsx bench/documents-render.ts [--runs 10] [--lines 100]
// Reports the first render (fonts loaded, layouts compiled) apart from the warm ones, the median
// and worst warm time, and the process RSS before, after the first, and after all runs — growth
// across runs would be a leak. Method and last results in bench/README.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { renderDocumentPdf } from '../src/modules/print/service.js';
import { invoice245, longInvoice } from '../src/modules/print/test-snapshots.js';

const { values: opt } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, lines: { type: 'string', default: '100' } },
});
const runs = Number(opt.runs);
const snapshot = longInvoice(Number(opt.lines));
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
// With `node --expose-gc` the heap is collected before each reading, so growth means retention.
const gc = (globalThis as { gc?: () => void }).gc;
const rss = () => {
  gc?.();
  return process.memoryUsage().rss;
};
const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function timed(fn: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const pdf = await fn();
  return { ms: performance.now() - start, bytes: pdf.length };
}

const rssStart = rss();
const first = await timed(() => renderDocumentPdf(snapshot));
const rssFirst = rss();
const heapFirst = heap();
const warm: number[] = [];
let bytes = first.bytes;
for (let i = 0; i < runs; i++) {
  const r = await timed(() => renderDocumentPdf(snapshot));
  warm.push(r.ms);
  bytes = r.bytes;
}
const rssEnd = rss();
const heapEnd = heap();
const small = await timed(() => renderDocumentPdf(invoice245));
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)]!;

console.log(
  `| Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)} | |`,
);
console.log('|---|---|');
console.log(`| ${snapshot.lines.length}-line invoice, first render | ${first.ms.toFixed(0)} ms |`);
console.log(
  `| ${snapshot.lines.length}-line invoice, warm median / worst of ${runs} | ${median.toFixed(0)} / ${warm.at(-1)!.toFixed(0)} ms |`,
);
console.log(`| PDF size | ${(bytes / 1024).toFixed(0)} KiB |`);
console.log(`| 2-line invoice (with QR), warm | ${small.ms.toFixed(0)} ms |`);
console.log(
  `| Heap + ArrayBuffers: after first → after ${runs} more${gc ? ' (after GC)' : ''} | ${mib(heapFirst)} → ${mib(heapEnd)} MiB |`,
);
console.log(
  `| RSS: start → after first → after ${runs} more | ${mib(rssStart)} → ${mib(rssFirst)} → ${mib(rssEnd)} MiB |`,
);
