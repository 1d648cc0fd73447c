import type { FileLimits } from '../config.js';
import { DomainError } from '../errors.js';

// What an uploaded file or an inbound e-mail may unpack into. One set of limits for the process,
// from the configuration (set at start-up by buildApp and the worker; the defaults are
// config.ts's), and the errors that name the limit a file went over: 413 for sizes, 422 for counts.

export type { FileLimits };

const MiB = 1024 * 1024;
export const defaultFileLimits: FileLimits = {
  maxUncompressedBytes: 100 * MiB,
  maxArchiveEntries: 1000,
  maxCompressionRatio: 200,
  maxRows: 100_000,
  maxColumns: 200,
  maxCells: 2_000_000,
  maxEmailBytes: 25 * MiB,
  maxEmailAttachments: 100,
};

let current: FileLimits = defaultFileLimits;
export function setFileLimits(limits: FileLimits): void {
  current = limits;
}
export const fileLimits = (): FileLimits => current;

export const mib = (bytes: number) => `${Math.round((bytes / MiB) * 10) / 10} MiB`;

export class FileLimitError extends DomainError {}

export const tooLarge = (what: string, limit: string, setting: string) =>
  new FileLimitError('file.too_large', `${what} is over the limit of ${limit} (${setting})`, {
    field: 'file',
  });

// Counts a table's rows, columns and cells as they are read and stops the read at the first
// limit passed: nothing past it is parsed.
export class TableBudget {
  private rows = 0;
  private cells = 0;
  constructor(
    private readonly limits: Pick<FileLimits, 'maxRows' | 'maxColumns' | 'maxCells'> = fileLimits(),
  ) {}
  // The row's width is its last non-empty cell; call for every non-empty row.
  take(width: number): void {
    if (width > this.limits.maxColumns)
      throw new FileLimitError(
        'file.too_many_columns',
        `row ${this.rows + 1} has ${width} columns, more than the limit of ${this.limits.maxColumns} (VORONKA_IMPORT_MAX_COLUMNS)`,
        { field: 'file' },
      );
    if (++this.rows > this.limits.maxRows)
      throw new FileLimitError(
        'file.too_many_rows',
        `the table has more than ${this.limits.maxRows} rows, the limit (VORONKA_IMPORT_MAX_ROWS)`,
        { field: 'file' },
      );
    this.cells += width;
    if (this.cells > this.limits.maxCells)
      throw new FileLimitError(
        'file.too_many_cells',
        `the table has more than ${this.limits.maxCells} cells, the limit (VORONKA_IMPORT_MAX_CELLS)`,
        { field: 'file' },
      );
  }
  get counted() {
    return { rows: this.rows, cells: this.cells };
  }
}
