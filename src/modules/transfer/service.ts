// The transfer module's public surface: import and export of the records other modules declare
// (registry.ts), with the helpers their columns and row writers use.
export {
  declareExport,
  declareImport,
  type ExportDeclaration,
  type ImportDeclaration,
} from './registry.js';
export {
  exportRecords,
  toCells,
  primed,
  joined,
  isoDate,
  type ExportEntity,
  type ExportColumn,
  type InWorkspace,
} from './export.js';
export type { ChunkInput, ChunkResult } from './import-jobs.js';
export { importChunk } from './import-jobs.js';
export { fieldValues, RowErrors, splitTags, textArray, valuesList } from './import-rows.js';
export { scanImportFile, uploadImport, startImport, getImport, importErrors } from './import.js';
