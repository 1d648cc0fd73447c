import { z } from 'zod';
import { Id, Name, PageQuery, Timestamp } from './common.js';
import { QUANTITY_PATTERN } from './money.js';

// The catalog: products and services, units with their OKEI codes, VAT rates (effective-dated, in
// the vat_rates table; the list below is what the migration seeds), price lists and deal lines.

/** Units of measure with their codes from ОКЕИ (ОК 015-94), the ones Russian sales use most. */
export const units = [
  { okei: '796', symbol: 'шт', ru: 'Штука', en: 'Piece' },
  { okei: '876', symbol: 'усл. ед.', ru: 'Условная единица', en: 'Unit' },
  { okei: '356', symbol: 'ч', ru: 'Час', en: 'Hour' },
  { okei: '359', symbol: 'сут', ru: 'Сутки', en: 'Day' },
  { okei: '362', symbol: 'мес', ru: 'Месяц', en: 'Month' },
  { okei: '366', symbol: 'г.', ru: 'Год', en: 'Year' },
  { okei: '006', symbol: 'м', ru: 'Метр', en: 'Metre' },
  { okei: '018', symbol: 'пог. м', ru: 'Погонный метр', en: 'Running metre' },
  { okei: '055', symbol: 'м²', ru: 'Квадратный метр', en: 'Square metre' },
  { okei: '113', symbol: 'м³', ru: 'Кубический метр', en: 'Cubic metre' },
  { okei: '112', symbol: 'л', ru: 'Литр', en: 'Litre' },
  { okei: '163', symbol: 'г', ru: 'Грамм', en: 'Gram' },
  { okei: '166', symbol: 'кг', ru: 'Килограмм', en: 'Kilogram' },
  { okei: '168', symbol: 'т', ru: 'Тонна', en: 'Tonne' },
  { okei: '008', symbol: 'км', ru: 'Километр', en: 'Kilometre' },
  { okei: '715', symbol: 'пар', ru: 'Пара', en: 'Pair' },
  { okei: '736', symbol: 'рул', ru: 'Рулон', en: 'Roll' },
  { okei: '778', symbol: 'упак', ru: 'Упаковка', en: 'Pack' },
  { okei: '839', symbol: 'компл', ru: 'Комплект', en: 'Set' },
] as const;
export type Unit = (typeof units)[number];
export const Okei = z.enum(units.map((u) => u.okei) as [Unit['okei'], ...Unit['okei'][]]);
export type Okei = z.infer<typeof Okei>;
export const unitOf = (okei: string): Unit | undefined => units.find((u) => u.okei === okei);

/** A VAT rate in percent, or null for «без НДС». */
export const VatRateValue = z.number().int().min(0).max(100).nullable();
export const VatModeSchema = z.enum(['included', 'on_top']);

export const VatRate = z.object({
  id: z.string(),
  rate: VatRateValue,
  label: z.string(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
});
export type VatRate = z.infer<typeof VatRate>;
export const VatRateQuery = z.strictObject({ on: z.iso.date().optional() });

const Kopecks = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Sku = z.string().trim().min(1).max(64);
const Tag = z.string().trim().min(1).max(50);

export const Product = z.object({
  id: Id,
  sku: z.string().nullable(),
  name: z.string(),
  okei: Okei,
  unit: z.string(),
  vatRate: VatRateValue,
  priceKopecks: z.number().int().nullable(),
  /** Only for roles with the `margin` right; absent otherwise. */
  costKopecks: z.number().int().nullable().optional(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  active: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Product = z.infer<typeof Product>;

export const ProductCreateBody = z.strictObject({
  sku: Sku.nullable().optional(),
  name: Name(300),
  okei: Okei.default('796'),
  vatRate: VatRateValue.default(22),
  priceKopecks: Kopecks.nullable().optional(),
  costKopecks: Kopecks.nullable().optional(),
  category: z.string().trim().max(100).nullable().optional(),
  tags: z.array(Tag).max(20).optional(),
  active: z.boolean().optional(),
});
export type ProductCreateBody = z.infer<typeof ProductCreateBody>;
export const ProductUpdateBody = ProductCreateBody.partial();
export type ProductUpdateBody = z.infer<typeof ProductUpdateBody>;

export const ProductListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  category: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const PriceListKind = z.enum(['base', 'dealer', 'segment']);
export const PriceList = z.object({
  id: Id,
  name: z.string(),
  kind: PriceListKind,
  segment: z.string().nullable(),
  currency: z.string().length(3),
  vatMode: VatModeSchema,
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  itemCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PriceList = z.infer<typeof PriceList>;

const PriceListFields = z.strictObject({
  name: Name(200),
  kind: PriceListKind.default('base'),
  segment: z.string().trim().max(100).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('RUB'),
  vatMode: VatModeSchema.default('included'),
  validFrom: z.iso.date().nullable().optional(),
  validTo: z.iso.date().nullable().optional(),
});
export const PriceListCreateBody = PriceListFields;
export type PriceListCreateBody = z.infer<typeof PriceListCreateBody>;
export const PriceListUpdateBody = PriceListFields.partial();
export type PriceListUpdateBody = z.infer<typeof PriceListUpdateBody>;

export const PriceListItem = z.object({
  productId: Id,
  sku: z.string().nullable(),
  name: z.string(),
  okei: Okei,
  unit: z.string(),
  vatRate: VatRateValue,
  priceKopecks: z.number().int(),
});
export type PriceListItem = z.infer<typeof PriceListItem>;
export const PriceListItems = z.object({ items: z.array(PriceListItem) });
export const PriceListItemsBody = z.strictObject({
  items: z
    .array(z.strictObject({ productId: Id, priceKopecks: Kopecks }))
    .max(5000)
    .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, {
      message: 'a product appears twice',
    }),
});
export type PriceListItemsBody = z.infer<typeof PriceListItemsBody>;
export const PriceListPrintQuery = z.strictObject({
  format: z.enum(['pdf', 'xlsx']).default('pdf'),
});

export const LineDiscountSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('percent'),
    value: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percent 0–100, two decimals at most'),
  }),
  z.strictObject({ kind: z.literal('amount'), kopecks: Kopecks }),
]);

export const DealLineInput = z.strictObject({
  productId: Id.nullable().optional(),
  name: Name(500),
  quantity: z.string().regex(QUANTITY_PATTERN, 'a decimal ≥ 0 with at most three places'),
  okei: Okei.default('796'),
  priceKopecks: Kopecks,
  discount: LineDiscountSchema.nullable().optional(),
  vatRate: VatRateValue,
});
export type DealLineInput = z.infer<typeof DealLineInput>;

export const DealLinesBody = z.strictObject({
  vatMode: VatModeSchema,
  lines: z.array(DealLineInput).max(500),
});
export type DealLinesBody = z.infer<typeof DealLinesBody>;

const Money = {
  grossKopecks: z.number().int(),
  discountKopecks: z.number().int(),
  netKopecks: z.number().int(),
  vatKopecks: z.number().int(),
  totalKopecks: z.number().int(),
};

export const DealLine = z.object({
  position: z.number().int(),
  productId: Id.nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  quantity: z.string(),
  okei: Okei,
  unit: z.string(),
  priceKopecks: z.number().int(),
  discount: LineDiscountSchema.nullable(),
  vatRate: VatRateValue,
  ...Money,
  /** Only for roles with the `margin` right: the product's cost × quantity, and net − cost. */
  costKopecks: z.number().int().nullable().optional(),
  marginKopecks: z.number().int().nullable().optional(),
});
export type DealLine = z.infer<typeof DealLine>;

export const DealLines = z.object({
  dealId: Id,
  vatMode: VatModeSchema,
  lines: z.array(DealLine),
  totals: z.object({
    ...Money,
    vatByRate: z.array(
      z.object({ rate: VatRateValue, netKopecks: z.number().int(), vatKopecks: z.number().int() }),
    ),
    costKopecks: z.number().int().nullable().optional(),
    marginKopecks: z.number().int().nullable().optional(),
  }),
});
export type DealLines = z.infer<typeof DealLines>;

export const ProductExportQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  separator: z.enum(['comma', 'semicolon']).default('semicolon'),
  q: z.string().trim().max(200).optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
});
export type ProductExportQuery = z.infer<typeof ProductExportQuery>;
