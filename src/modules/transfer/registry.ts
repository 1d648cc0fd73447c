import type { Entity, ImportEntity, ImportField, Page } from '@voronka/contract';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { ChunkInput, ChunkResult } from './import-jobs.js';
import type { ExportColumn, ExportEntity } from './export.js';

// What each module declares about its records' way in and out (import/export). Transfer comes
// before the modules whose records it moves, so it never imports them: each declares its entity
// here when its service loads (clients: companies, contacts; pipeline: deals; leads: leads), and
// the export routes and the import job read the declarations.

type ExportPage = { limit: number; cursor: string | undefined };
export type ExportFilter<Q> = Omit<Q, 'format' | 'separator'>;
export type ExportDeclaration<Q, T> = {
  entity: ExportEntity;
  // The matrix entity whose export right governs the download, when it is not the entity's own
  // name (the call journal: leads, as the journal is read).
  rights?: Entity;
  // The list's query with `format` (csv, xlsx and, with `cards`, vcf) and `separator`.
  query: z.ZodTypeAny;
  summary: string;
  list: (ctx: Ctx, q: ExportFilter<Q> & ExportPage) => Promise<Page<T>>;
  columns: ExportColumn<T>[];
  // A text file of one card per record (vCard for contacts), asked for as `format=vcf`.
  cards?: { toCards: (records: AsyncIterable<T[]>) => AsyncGenerator<string>; type: string };
};
export type ImportDeclaration = {
  entity: ImportEntity;
  // The matrix entity whose rights govern the import, when it is not the entity's own name
  // (products: catalog).
  rights?: Entity;
  fields: readonly ImportField[];
  rows: (ctx: Ctx, input: ChunkInput) => Promise<ChunkResult>;
};

const exports = new Map<ExportEntity, ExportDeclaration<any, any>>();
const imports = new Map<ImportEntity, ImportDeclaration>();

export function declareExport<Q, T>(d: ExportDeclaration<Q, T>): void {
  exports.set(d.entity, d);
}

export function declareImport(d: ImportDeclaration): void {
  imports.set(d.entity, d);
}

export const importRights = (entity: ImportEntity): Entity =>
  imports.get(entity)?.rights ?? (entity as Entity);

export const exportDeclarations = () => [...exports.values()];

export function importDeclaration(entity: ImportEntity): ImportDeclaration {
  const d = imports.get(entity);
  if (!d) throw new Error(`no module declared the import of ${entity} (transfer/registry.ts)`);
  return d;
}
