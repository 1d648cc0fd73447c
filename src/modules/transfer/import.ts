import {
  type Action,
  type Import,
  type ImportEntity,
  type ImportField,
  type ImportPreview,
  type ImportRowError,
  type ImportStartBody,
  type ImportUploadQuery,
} from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import {
  looksLikeXlsx,
  readTableRows,
  type TableFileFormat,
} from '../../platform/export/table-reader.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import * as workspaces from '../workspaces/service.js';
import { importChunk, type ImportActor } from './import-jobs.js';
import { importDeclaration, importRights } from './registry.js';
import { importFiles, imports } from './tables.js';

// Import, the user's side: upload a file (kept in import_files) → header, 20 rows and a suggested
// mapping → start with a mapping and a duplicate policy → a job does the rest (import-jobs.ts).

const PREVIEW_ROWS = 20;
// Status before start: the column is text; the Drizzle type lacks this value (asked to widen it).
const UPLOADED = 'uploaded' as 'queued';

export const fieldsOf = (entity: ImportEntity): readonly ImportField[] =>
  importDeclaration(entity).fields;

// Header names people (and our own export) use, reduced to lower-case letters and digits.
const synonyms: Record<ImportField, string[]> = {
  name: ['название', 'наименование', 'компания', 'организация', 'name', 'company'],
  legalForm: ['опф', 'форма', 'legalform'],
  inn: ['инн', 'inn'],
  kpp: ['кпп', 'kpp'],
  ogrn: ['огрн', 'огрнип', 'ogrn'],
  legalAddress: ['юридическийадрес', 'юрадрес', 'адрес', 'legaladdress', 'address'],
  postalAddress: ['почтовыйадрес', 'postaladdress'],
  bankName: ['банк', 'bank', 'bankname'],
  bik: ['бик', 'bik'],
  corrAccount: ['коррсчет', 'корреспондентскийсчет', 'кс', 'corraccount'],
  settlementAccount: ['расчетныйсчет', 'рс', 'settlementaccount', 'account'],
  website: ['сайт', 'website', 'web', 'url'],
  industry: ['отрасль', 'industry'],
  tags: ['теги', 'метки', 'tags'],
  fullName: ['фио', 'контакт', 'fullname', 'name', 'имя'],
  lastName: ['фамилия', 'lastname', 'surname'],
  firstName: ['имя', 'firstname'],
  middleName: ['отчество', 'middlename'],
  position: ['должность', 'position', 'title', 'jobtitle'],
  phone: ['телефон', 'тел', 'мобильный', 'phone', 'mobile', 'phonenumber'],
  phone2: ['телефон2', 'доптелефон', 'phone2'],
  email: ['email', 'почта', 'электроннаяпочта', 'эпочта', 'mail'],
  email2: ['email2', 'почта2'],
  telegram: ['telegram', 'телеграм', 'телеграмм'],
  birthday: ['деньрождения', 'датарождения', 'birthday', 'birthdate'],
  companyName: ['компания', 'организация', 'company', 'companyname'],
  companyInn: ['иннкомпании', 'инн', 'companyinn'],
  sku: ['артикул', 'sku', 'кодтовара', 'article'],
  unit: ['едизм', 'единица', 'единицаизмерения', 'ед', 'unit'],
  okei: ['кодокеи', 'океи', 'okei'],
  vatRate: ['ндс', 'ставкандс', 'vat', 'vatrate'],
  price: ['цена', 'ценаруб', 'price'],
  cost: ['себестоимость', 'закупочнаяцена', 'cost', 'costprice'],
  category: ['категория', 'группа', 'category'],
  active: ['активен', 'активный', 'active'],
};
const normalise = (h: string) =>
  h
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

export function suggestMapping(
  entity: ImportEntity,
  columns: string[],
): Record<string, ImportField> {
  const fields = fieldsOf(entity);
  const taken = new Set<ImportField>();
  const out: Record<string, ImportField> = {};
  columns.forEach((column, i) => {
    // With first and last name columns present, "Имя" is the first name, not the whole name.
    const field = fields.find(
      (f) =>
        !taken.has(f) &&
        synonyms[f].includes(normalise(column)) &&
        !(f === 'fullName' && normalise(column) === 'имя'),
    );
    if (!field) return;
    taken.add(field);
    out[String(i)] = field;
  });
  return out;
}

export function assertMay(ctx: Ctx, entity: ImportEntity, action: Action) {
  if (ctx.actor.permissions && !ctx.actor.permissions[importRights(entity)][action])
    throw new DomainError('auth.forbidden', `your role may not ${action} ${entity}`);
}

async function assertWritable(ctx: Ctx) {
  if ((await workspaces.getWorkspace(ctx)).isReadOnly)
    throw new DomainError(
      'workspace.trial_expired',
      'the free trial has ended: the workspace is read-only until it is extended or paid',
    );
}

export type ScannedFile = { format: TableFileFormat; header: string[]; preview: string[][] };

// The whole file is read once at upload, before any transaction opens: the preview keeps its first
// rows, and every row, column and cell is counted against the limits, so a file over one is
// refused now (413/422 naming the limit) rather than failing in the worker. A workbook is unpacked
// only after the ZIP guard has counted what it inflates to.
export async function scanImportFile(content: Buffer, isXlsxType: boolean): Promise<ScannedFile> {
  const format: TableFileFormat = looksLikeXlsx(content) ? 'xlsx' : 'csv';
  if (isXlsxType && format !== 'xlsx')
    throw new DomainError('import.unreadable', 'the file is not an XLSX workbook', {
      field: 'file',
    });
  const rows: string[][] = [];
  try {
    for await (const row of readTableRows(content, format))
      if (rows.length <= PREVIEW_ROWS) rows.push(row);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError(
      'import.unreadable',
      `the file cannot be read as ${format.toUpperCase()}`,
      { field: 'file' },
    );
  }
  const [header, ...preview] = rows;
  if (!header || header.every((c) => !c))
    throw new DomainError('import.empty', 'the file has no header row', { field: 'file' });
  return { format, header, preview };
}

type ImportRow = typeof imports.$inferSelect;
export const toImport = (r: ImportRow): Import => ({
  id: r.id,
  entity: r.entity as ImportEntity,
  fileName: r.fileName,
  format: r.format,
  status: r.status,
  duplicatePolicy: r.duplicatePolicy,
  mapping: r.mapping,
  totalRows: r.totalRows,
  processedRows: r.processedRows,
  createdRows: r.createdRows,
  updatedRows: r.updatedRows,
  skippedRows: r.skippedRows,
  errorCount: Math.max(0, r.processedRows - r.createdRows - r.updatedRows - r.skippedRows),
  errors: r.errors.slice(0, 100),
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function uploadImport(
  ctx: Ctx,
  q: ImportUploadQuery,
  content: Buffer,
  { format, header, preview }: ScannedFile,
): Promise<ImportPreview> {
  assertMay(ctx, q.entity, 'create');
  await assertWritable(ctx);
  const id = newId();
  await ctx.tx.insert(imports).values({
    workspaceId: ctx.workspaceId,
    id,
    entity: q.entity,
    fileName: q.fileName,
    format,
    mapping: {},
    duplicatePolicy: 'skip',
    status: UPLOADED,
    createdBy: ctx.actor.memberId,
  });
  await ctx.tx.insert(importFiles).values({ workspaceId: ctx.workspaceId, importId: id, content });
  const created = await loadImport(ctx, id);
  await recordAudit(ctx, {
    action: 'import.uploaded',
    entity: q.entity,
    entityId: id,
    after: { fileName: q.fileName, format, bytes: content.length },
  });
  const width = header.length;
  return {
    import: toImport(created),
    columns: header,
    preview: preview.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')),
    suggestedMapping: suggestMapping(q.entity, header),
  };
}

// An import is visible to whoever may read its entity, limited to their own imports when their
// visibility of that entity is "own" (or their team's).
async function loadImport(ctx: Ctx, id: string): Promise<ImportRow> {
  const [row] = await ctx.tx
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id)));
  const rights = row ? importRights(row.entity as ImportEntity) : null;
  if (!row || !rights || (ctx.actor.permissions && !ctx.actor.permissions[rights]?.read))
    throw new DomainError('import.not_found', 'import not found');
  const scope = workspaces.visibleTo(ctx, rights, imports.createdBy);
  if (
    scope &&
    !(
      await ctx.tx
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id), scope))
    ).length
  )
    throw new DomainError('import.not_found', 'import not found');
  return row;
}

export const getImport = async (ctx: Ctx, id: string): Promise<Import> =>
  toImport(await loadImport(ctx, id));

function assertMapping(entity: ImportEntity, mapping: Record<string, string>) {
  const used = Object.values(mapping).filter(Boolean);
  const allowed = new Set<string>(fieldsOf(entity));
  const bad = used.find((f) => !allowed.has(f));
  if (bad)
    throw new DomainError('import.mapping_invalid', `${bad} is not a field of ${entity}`, {
      field: 'mapping',
    });
  const twice = used.find((f, i) => used.indexOf(f) !== i);
  if (twice)
    throw new DomainError('import.mapping_invalid', `${twice} is mapped from two columns`, {
      field: 'mapping',
    });
  const named =
    entity === 'contacts'
      ? ['fullName', 'lastName', 'firstName'].some((f) => used.includes(f))
      : used.includes('name');
  if (!named)
    throw new DomainError(
      'import.mapping_invalid',
      entity === 'contacts'
        ? 'map a column to the name (full, last or first)'
        : `map a column to the ${entity === 'products' ? 'product' : 'company'} name`,
      { field: 'mapping' },
    );
}

export async function startImport(ctx: Ctx, id: string, body: ImportStartBody): Promise<Import> {
  const row = await loadImport(ctx, id);
  const entity = row.entity as ImportEntity;
  assertMay(ctx, entity, 'create');
  if (body.duplicatePolicy === 'update') assertMay(ctx, entity, 'update');
  await assertWritable(ctx);
  if (row.status !== UPLOADED)
    throw new DomainError('import.already_started', 'this import has already been started');
  const mapping = Object.fromEntries(Object.entries(body.mapping).filter(([, f]) => f));
  assertMapping(entity, mapping);
  await ctx.tx
    .update(imports)
    .set({ mapping, duplicatePolicy: body.duplicatePolicy, status: 'queued' })
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id)));
  const actor: ImportActor = {
    memberId: ctx.actor.memberId,
    teamId: ctx.actor.teamId,
    role: ctx.actor.role,
    permissions: ctx.actor.permissions,
  };
  await enqueue(
    ctx.tx,
    importChunk,
    { importId: id, row: 0, offset: -1, actor },
    { workspaceId: ctx.workspaceId, key: `${id}:prepare` },
  );
  await recordAudit(ctx, {
    action: 'import.started',
    entity,
    entityId: id,
    after: { fileName: row.fileName, mapping, duplicatePolicy: body.duplicatePolicy },
  });
  return getImport(ctx, id);
}

export async function importErrors(
  ctx: Ctx,
  id: string,
): Promise<{ fileName: string; errors: ImportRowError[] }> {
  const row = await loadImport(ctx, id);
  return { fileName: row.fileName, errors: row.errors };
}
