import {
  DealLines,
  DealLinesBody,
  IdParams,
  PriceList,
  PriceListCreateBody,
  PriceListItems,
  PriceListItemsBody,
  PriceListPrintQuery,
  PriceListUpdateBody,
  Product,
  ProductCreateBody,
  ProductExportQuery,
  ProductListQuery,
  ProductUpdateBody,
  VatRate,
  VatRateQuery,
  page,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { exportProducts } from './transfer.js';
import { dealLinesFor, replaceDealLines } from './lines.js';
import * as priceLists from './price-lists.js';
import { renderPriceList } from './print.js';
import { createProduct, getProduct, listProducts, updateProduct } from './products.js';
import { listVatRates } from './vat-rates.js';

const access = (entity: 'catalog' | 'deals', action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity, action } }) as const;
const today = () => new Date().toISOString().slice(0, 10);

const productRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['catalog'];

  app.get(
    '/vat-rates',
    {
      config: access('catalog', 'read'),
      schema: {
        tags,
        summary: 'VAT rates (all, or those valid on a date: ?on=2026-01-01)',
        querystring: VatRateQuery,
        response: { 200: z.object({ items: z.array(VatRate) }) },
      },
    },
    async (req) => ({ items: await run(req, (ctx) => listVatRates(ctx, req.query.on)) }),
  );
  app.get(
    '/products',
    {
      config: access('catalog', 'read'),
      schema: {
        tags,
        summary:
          'Products and services (search by name or SKU; cost price only with the margin right)',
        querystring: ProductListQuery,
        response: { 200: page(Product) },
      },
    },
    async (req) => run(req, (ctx) => listProducts(ctx, req.query)),
  );
  app.get(
    '/products/export',
    {
      config: { access: { entity: 'catalog', action: 'export' } },
      schema: {
        tags,
        summary: 'Download the catalog (CSV or XLSX)',
        querystring: ProductExportQuery,
      },
    },
    async (req, reply) => {
      const file = await run(req, (ctx) => exportProducts(ctx, req.query));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(`products-${today()}.${file.extension}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};

const productEditRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['catalog'];
  const idParams = { params: IdParams };

  app.post(
    '/products',
    {
      config: access('catalog', 'create'),
      schema: {
        tags,
        summary: 'Add a product',
        body: ProductCreateBody,
        response: { 201: Product },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createProduct(ctx, req.body))),
  );
  app.get(
    '/products/:id',
    {
      config: access('catalog', 'read'),
      schema: { tags, summary: 'A product', ...idParams, response: { 200: Product } },
    },
    async (req) => run(req, (ctx) => getProduct(ctx, req.params.id)),
  );
  app.patch(
    '/products/:id',
    {
      config: access('catalog', 'update'),
      schema: {
        tags,
        summary: 'Edit a product (active: false takes it out of pickers and price lists)',
        ...idParams,
        body: ProductUpdateBody,
        response: { 200: Product },
      },
    },
    async (req) => run(req, (ctx) => updateProduct(ctx, req.params.id, req.body)),
  );
};

const priceListRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['catalog'];
  const idParams = { params: IdParams };

  app.get(
    '/price-lists',
    {
      config: access('catalog', 'read'),
      schema: {
        tags,
        summary: 'Price lists',
        response: { 200: z.object({ items: z.array(PriceList) }) },
      },
    },
    async (req) => ({ items: await run(req, (ctx) => priceLists.listPriceLists(ctx)) }),
  );
  app.post(
    '/price-lists',
    {
      config: access('catalog', 'create'),
      schema: {
        tags,
        summary: 'Create a price list',
        body: PriceListCreateBody,
        response: { 201: PriceList },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => priceLists.createPriceList(ctx, req.body))),
  );
  app.get(
    '/price-lists/:id',
    {
      config: access('catalog', 'read'),
      schema: { tags, summary: 'A price list', ...idParams, response: { 200: PriceList } },
    },
    async (req) => run(req, (ctx) => priceLists.getPriceList(ctx, req.params.id)),
  );
  app.patch(
    '/price-lists/:id',
    {
      config: access('catalog', 'update'),
      schema: {
        tags,
        summary: 'Edit a price list',
        ...idParams,
        body: PriceListUpdateBody,
        response: { 200: PriceList },
      },
    },
    async (req) => run(req, (ctx) => priceLists.updatePriceList(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/price-lists/:id',
    {
      config: access('catalog', 'delete'),
      schema: { tags, summary: 'Delete a price list and its prices', ...idParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => priceLists.deletePriceList(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
};

const priceItemRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['catalog'];
  const idParams = { params: IdParams };

  app.get(
    '/price-lists/:id/items',
    {
      config: access('catalog', 'read'),
      schema: { tags, summary: 'Prices of a list', ...idParams, response: { 200: PriceListItems } },
    },
    async (req) => ({
      items: await run(req, (ctx) => priceLists.listPriceListItems(ctx, req.params.id)),
    }),
  );
  app.put(
    '/price-lists/:id/items',
    {
      config: access('catalog', 'update'),
      schema: {
        tags,
        summary: 'Replace the prices of a list (the whole list in one request)',
        ...idParams,
        body: PriceListItemsBody,
        response: { 200: PriceListItems },
      },
    },
    async (req) => ({
      items: await run(req, (ctx) =>
        priceLists.replacePriceListItems(ctx, req.params.id, req.body),
      ),
    }),
  );
  app.get(
    '/price-lists/:id/print',
    {
      config: access('catalog', 'read'),
      schema: {
        tags,
        summary: 'The printable price list for clients (PDF or XLSX)',
        ...idParams,
        querystring: PriceListPrintQuery,
      },
    },
    async (req, reply) => {
      const snapshot = await run(req, (ctx) =>
        priceLists.priceListSnapshot(ctx, req.params.id, today()),
      );
      const file = await renderPriceList(snapshot, req.query.format);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(`${snapshot.name}.${file.extension}`))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};

const dealLineRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['catalog'];
  const idParams = { params: IdParams };

  app.get(
    '/deals/:id/lines',
    {
      config: access('deals', 'read'),
      schema: {
        tags,
        summary:
          'A deal’s line items with per-line money and totals (cost and margin with the right)',
        ...idParams,
        response: { 200: DealLines },
      },
    },
    async (req) => run(req, (ctx) => dealLinesFor(ctx, req.params.id)),
  );
  app.put(
    '/deals/:id/lines',
    {
      config: access('deals', 'update'),
      schema: {
        tags,
        summary:
          'Replace a deal’s line items and VAT mode; with lines the deal’s amount becomes their total',
        ...idParams,
        body: DealLinesBody,
        response: { 200: DealLines },
      },
    },
    async (req) => run(req, (ctx) => replaceDealLines(ctx, req.params.id, req.body)),
  );
};

// /vat-rates, /products, /price-lists and /deals/{id}/lines.
export const catalogRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  await app.register(productRoutes, deps);
  await app.register(productEditRoutes, deps);
  await app.register(priceListRoutes, deps);
  await app.register(priceItemRoutes, deps);
  await app.register(dealLineRoutes, deps);
};
