import { Readable } from 'node:stream';
import unzipper from 'unzipper';
import yauzl from 'yauzl';
import { DomainError } from '../errors.js';
import { fileLimits, FileLimitError, mib, tooLarge, type FileLimits } from './limits.js';

// A ZIP container (XLSX; DOCX templates later) is checked before anything parses it, in two passes:
//
// 1. Its central directory (yauzl): the number of entries, the uncompressed size each declares,
//    their sum, and each large entry's compression ratio. A bomb that tells the truth is refused
//    here without inflating a byte.
// 2. Every entry inflated and counted, by the same streaming parser (unzipper) that ExcelJS reads
//    with, so what is counted is what the reader will see: an entry the directory does not list, a
//    name twice, or more bytes than its directory entry declared (declared sizes can lie) stops the
//    inflation at once. Output is counted and dropped: memory stays at one chunk.
//
// Only a file that passed both is handed to the reader, which then cannot inflate more than the
// limits allow.

export type ZipEntryInfo = { name: string; compressedSize: number; uncompressedSize: number };
export type ZipGuardResult = { entries: ZipEntryInfo[]; inflatedBytes: number };

// Ratios of small entries say nothing (a 10 KiB run of spaces compresses 500:1).
const RATIO_FLOOR = 1024 * 1024;

const invalid = (detail: string) =>
  new FileLimitError('file.archive_invalid', detail, { field: 'file' });

export async function readCentralDirectory(
  content: Buffer,
  limits: FileLimits = fileLimits(),
): Promise<ZipEntryInfo[]> {
  const zip = await yauzl.fromBufferPromise(content, {
    lazyEntries: true,
    validateEntrySizes: true,
    strictFileNames: false,
    decodeStrings: true,
  });
  try {
    if (zip.entryCount > limits.maxArchiveEntries)
      throw tooLarge(
        `the archive's ${zip.entryCount} entries`,
        `${limits.maxArchiveEntries} entries`,
        'VORONKA_FILE_MAX_ENTRIES',
      );
    const entries: ZipEntryInfo[] = [];
    let total = 0;
    for await (const e of zip.eachEntry()) {
      if (e.isEncrypted()) throw invalid(`the archive's entry ${e.fileName} is encrypted`);
      total += e.uncompressedSize;
      if (total > limits.maxUncompressedBytes)
        throw tooLarge(
          'the archive uncompressed',
          mib(limits.maxUncompressedBytes),
          'VORONKA_FILE_MAX_UNCOMPRESSED_MB',
        );
      if (
        e.uncompressedSize > RATIO_FLOOR &&
        e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxCompressionRatio
      ) {
        throw tooLarge(
          `the compression ratio of ${e.fileName} (${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}:1)`,
          `${limits.maxCompressionRatio}:1`,
          'VORONKA_FILE_MAX_RATIO',
        );
      }
      entries.push({
        name: e.fileName,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
      });
    }
    return entries;
  } finally {
    zip.close();
  }
}

export async function guardZip(
  content: Buffer,
  limits: FileLimits = fileLimits(),
): Promise<ZipGuardResult> {
  const entries = await readCentralDirectory(content, limits);
  const declared = new Map(entries.map((e) => [e.name, e.uncompressedSize]));
  const seen = new Set<string>();
  const source = Readable.from([content]);
  const parser = source.pipe(unzipper.Parse({ forceStream: true }));
  let inflated = 0;
  try {
    for await (const entry of parser as AsyncIterable<unzipper.Entry>) {
      const size = declared.get(entry.path);
      if (size === undefined || seen.has(entry.path))
        throw invalid(
          `the archive holds an entry its directory does not list (${entry.path.slice(0, 100)})`,
        );
      seen.add(entry.path);
      let own = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        own += chunk.length;
        inflated += chunk.length;
        if (own > size)
          throw invalid(
            `the archive's entry ${entry.path} inflates past the ${size} bytes its directory declares`,
          );
        if (inflated > limits.maxUncompressedBytes)
          throw tooLarge(
            'the archive uncompressed',
            mib(limits.maxUncompressedBytes),
            'VORONKA_FILE_MAX_UNCOMPRESSED_MB',
          );
      }
    }
  } catch (err) {
    if (err instanceof DomainError) throw Object.assign(err, { inflatedBytes: inflated });
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
  return { entries, inflatedBytes: inflated };
}
