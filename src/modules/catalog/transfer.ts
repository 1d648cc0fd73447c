import { productImportFields, type Product, type ProductExportQuery } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { tableFile, type Cell, type TableFile } from '../../platform/export/export.js';
import * as transfer from '../transfer/service.js';
import { importProductRows } from './import-products.js';
import { listProducts, seesMargin } from './products.js';

// The catalog's columns for export and import, declared once here. The export's headers are names
// the import recognises, so an exported file imports back as it is (upsert by SKU). Money is shown in roubles with kopecks
// ("1234.50"), the way a spreadsheet user reads it; VAT "без НДС" is an empty cell.
export type ProductColumn = {
  key: string;
  header: string;
  value: (p: Product) => Cell;
  /** Only for roles with the margin right. */
  margin?: boolean;
};

const rubles = (kopecks: number | null | undefined) =>
  kopecks === null || kopecks === undefined ? null : (kopecks / 100).toFixed(2);

export const productColumns: ProductColumn[] = [
  { key: 'sku', header: 'Артикул', value: (p) => p.sku },
  { key: 'name', header: 'Наименование', value: (p) => p.name },
  { key: 'unit', header: 'Ед. изм.', value: (p) => p.unit },
  { key: 'okei', header: 'Код ОКЕИ', value: (p) => p.okei },
  { key: 'vatRate', header: 'НДС, %', value: (p) => (p.vatRate === null ? 'без НДС' : p.vatRate) },
  { key: 'price', header: 'Цена', value: (p) => rubles(p.priceKopecks) },
  { key: 'cost', header: 'Себестоимость', value: (p) => rubles(p.costKopecks), margin: true },
  { key: 'category', header: 'Категория', value: (p) => p.category },
  { key: 'tags', header: 'Теги', value: (p) => p.tags.join(', ') },
  { key: 'active', header: 'Активен', value: (p) => (p.active ? 'да' : 'нет') },
];

// The whole catalog (products as the list filter picks them), read page by page into memory: a
// catalog is thousands of rows, not millions.
export async function exportProducts(ctx: Ctx, q: ProductExportQuery): Promise<TableFile> {
  const columns = productColumns.filter((c) => !c.margin || seesMargin(ctx));
  const rows: Cell[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listProducts(ctx, { limit: 200, cursor, active: q.active, q: q.q });
    rows.push(...page.items.map((p) => columns.map((c) => c.value(p))));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  async function* chunks() {
    yield rows;
  }
  return tableFile(q.format, {
    sheetName: 'products',
    header: columns.map((c) => c.header),
    chunks: chunks(),
    delimiter: q.separator === 'semicolon' ? ';' : ',',
  });
}

transfer.declareImport({
  entity: 'products',
  rights: 'catalog',
  fields: productImportFields,
  rows: importProductRows,
});
