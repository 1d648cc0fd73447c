// The catalog module's public surface: products and services, units (ОКЕИ), effective-dated VAT
// rates, price lists and a deal's line items (see DESIGN.md).
export {
  listProducts,
  getProduct,
  createProduct,
  updateProduct,
  productNames,
  seesMargin,
} from './products.js';
export { listVatRates, assertVatRate, generalVatRate } from './vat-rates.js';
export {
  listPriceLists,
  getPriceList,
  listPriceListItems,
  priceListSnapshot,
} from './price-lists.js';
export { dealLinesFor, replaceDealLines } from './lines.js';
export { productRows } from './products.js';
export { productColumns, exportProducts, type ProductColumn } from './transfer.js';
export { catalogRoutes } from './routes.js';
