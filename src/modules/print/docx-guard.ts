import zlib from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import PizZip from 'pizzip';
import { fileLimits, mib } from '../../platform/files/limits.js';
import { TemplateError } from './template-error.js';

// A DOCX is a ZIP: before docxtemplater reads a byte of it, every entry is checked against the
// process's file limits (platform/files/limits.ts) — entry count, declared sizes, compression
// ratio — and then really inflated with a hard output cap, so a directory that lies about sizes is
// caught too. This is zip-guard.ts's check, done synchronously (zlib's maxOutputLength) because
// filling a template is synchronous; PizZip itself inflates a whole entry before checking its size.

/** The largest template file accepted, compressed. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;
// Ratios of small entries say nothing (a 10 KiB run of spaces compresses 500:1).
const RATIO_FLOOR = 1024 * 1024;
const STORE = '\x00\x00';

interface EntryData {
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: string;
  getCompressedContent(): Buffer | Uint8Array;
}

const bomb = (detail: string) =>
  new TemplateError('zip_bomb', `the template is refused as a decompression bomb: ${detail}`);

function inflated(name: string, data: EntryData, cap: number): number {
  const raw = Buffer.from(data.getCompressedContent());
  if (data.compressionMethod === STORE) return raw.length;
  try {
    return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) }).length;
  } catch (err) {
    if (err instanceof RangeError) throw bomb(`${name} inflates past ${cap} bytes`);
    throw new TemplateError('not_docx', `the template's entry ${name} is corrupt`);
  }
}

/** Opens the template as a ZIP and checks it; returns the PizZip for docxtemplater. */
export function openGuarded(template: Buffer): PizZip {
  if (template.length > MAX_TEMPLATE_BYTES) {
    throw new TemplateError(
      'too_large',
      `the template is over the limit of ${mib(MAX_TEMPLATE_BYTES)}`,
    );
  }
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw new TemplateError('not_docx', 'the file is not a DOCX document (not a ZIP archive)');
  }
  const limits = fileLimits();
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.maxArchiveEntries) {
    throw bomb(`${files.length} entries, more than ${limits.maxArchiveEntries}`);
  }
  let declared = 0;
  let total = 0;
  for (const file of files) {
    const data = (file as unknown as { _data: EntryData })._data;
    declared += data.uncompressedSize;
    if (declared > limits.maxUncompressedBytes) {
      throw bomb(`it unpacks to more than ${mib(limits.maxUncompressedBytes)}`);
    }
    const ratio = data.uncompressedSize / Math.max(1, data.compressedSize);
    if (data.uncompressedSize > RATIO_FLOOR && ratio > limits.maxCompressionRatio) {
      throw bomb(`${file.name} compresses ${Math.round(ratio)}:1`);
    }
    const size = inflated(file.name, data, data.uncompressedSize + 1);
    if (size !== data.uncompressedSize)
      throw bomb(`${file.name} is not the size its directory declares`);
    total += size;
  }
  if (total > limits.maxUncompressedBytes)
    throw bomb(`it unpacks to more than ${mib(limits.maxUncompressedBytes)}`);
  if (!zip.file('word/document.xml')) {
    throw new TemplateError('not_docx', 'the file is not a DOCX document (no word/document.xml)');
  }
  for (const file of files)
    if (/\.(xml|rels)$/i.test(file.name)) wellFormed(file.name, file.asText());
  return zip;
}

// docxtemplater's lexer tolerates broken XML and would write a broken DOCX: every XML part is
// parsed first (xmldom, docxtemplater's own XML parser) and an error names the part.
function wellFormed(name: string, xml: string): void {
  const fail = (msg: string) => {
    throw new TemplateError(
      'broken_xml',
      `the template's ${name} is not well-formed XML: ${msg.split('\n')[0]}`,
    );
  };
  try {
    new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') fail(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    if (err instanceof TemplateError) throw err;
    fail(err instanceof Error ? err.message : String(err));
  }
}
