import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// A filled DOCX to PDF with LibreOffice (soffice --headless), when it is installed: each run gets
// its own temporary directory and its own LibreOffice profile (-env:UserInstallation), so runs in
// parallel never share a lock, and it is killed with its whole process group after the timeout.
// Without LibreOffice the caller gets null and offers the DOCX itself.

export const CONVERT_TIMEOUT_MS = 60_000;

async function findSoffice(): Promise<string | null> {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const name of ['soffice', 'libreoffice']) {
      const file = path.join(dir, name);
      try {
        await access(file);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function run(file: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`LibreOffice did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`LibreOffice exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/** The DOCX as a PDF, or null when LibreOffice is not installed. Throws when it fails. */
export async function convertDocxToPdf(
  docx: Buffer,
  timeoutMs = CONVERT_TIMEOUT_MS,
): Promise<Buffer | null> {
  const soffice = await findSoffice();
  if (!soffice) return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'voronka-docx-'));
  try {
    const input = path.join(dir, 'document.docx');
    await writeFile(input, docx);
    await run(
      soffice,
      [
        '--headless',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      timeoutMs,
    );
    return await readFile(path.join(dir, 'document.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
