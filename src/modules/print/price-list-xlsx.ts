import ExcelJS from 'exceljs';
import { byCategory, priceListPeriod, priceListVatNote } from './pdf/price-list.js';
import type { PriceListSnapshot } from './snapshot.js';

// The price list as an XLSX sheet a client can filter and copy from: prices are numbers in roubles
// with a «# ##0.00» format, not text, and the header row is frozen.

export async function renderPriceListXlsx(p: PriceListSnapshot): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Voronka CRM';
  const sheet = book.addWorksheet('Прайс-лист', { views: [{ state: 'frozen', ySplit: 5 }] });
  sheet.columns = [
    { key: 'sku', width: 16 },
    { key: 'name', width: 60 },
    { key: 'category', width: 20 },
    { key: 'unit', width: 8 },
    { key: 'price', width: 14, style: { numFmt: '# ##0.00' } },
    { key: 'vat', width: 10 },
  ];
  sheet.addRow([p.seller.name, p.seller.inn ? `ИНН ${p.seller.inn}` : '']);
  sheet.addRow([p.name]).font = { bold: true, size: 14 };
  sheet.addRow([`${priceListPeriod(p)}; ${priceListVatNote(p).toLowerCase()}`]);
  sheet.addRow([]);
  sheet.addRow(['Артикул', 'Наименование', 'Категория', 'Ед.', 'Цена, руб.', 'НДС']).font = {
    bold: true,
  };
  for (const [category, items] of byCategory(p)) {
    for (const i of items) {
      sheet.addRow({
        sku: i.sku ?? '',
        name: i.name,
        category,
        unit: i.unit,
        price: i.priceKopecks / 100,
        vat: i.vatRate === null ? 'без НДС' : `${i.vatRate}%`,
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
