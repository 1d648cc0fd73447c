import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The real tools the print tests read their output with (poppler-utils, zbar-tools; CI installs
// them): no mock stands in for what a user's PDF viewer or bank app would see.

/** The PDF's text as `pdftotext -enc UTF-8 -layout` extracts it, with every run of spaces (incl.
 * the no-break spaces of ru-RU grouping) made one plain space. */
export function pdfText(pdf: Buffer): string {
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], { input: pdf });
  return raw
    .toString('utf8')
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0\u202f]+/g, ' ').trim())
    .join('\n');
}

export function pdfPages(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString();
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** What zbarimg reads from a PNG (or from page 1 of a PDF, rasterised by pdftoppm). */
export function scanQr(image: Buffer, kind: 'png' | 'pdf' = 'png'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'voronka-qr-'));
  try {
    let png = path.join(dir, 'code.png');
    if (kind === 'pdf') {
      writeFileSync(path.join(dir, 'doc.pdf'), image);
      execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', 'doc.pdf', 'page'], {
        cwd: dir,
      });
      png = path.join(
        dir,
        readdirSync(dir).find((f) => f.startsWith('page'))!,
      );
    } else {
      writeFileSync(png, image);
    }
    return execFileSync('zbarimg', ['--raw', '-q', png]).toString('utf8').replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
