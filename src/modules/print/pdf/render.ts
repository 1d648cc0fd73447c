import type { Content, PageOrientation } from 'pdfmake/interfaces.js';
import type {
  DocumentSnapshot,
  DocumentType,
  PriceListSnapshot,
  RenderAssets,
} from '../snapshot.js';
import { renderPdf } from './engine.js';
import { actContent } from './act.js';
import { contractContent } from './contract.js';
import { invoiceContent } from './invoice.js';
import { priceListContent } from './price-list.js';
import { quoteContent } from './quote.js';
import { torg12Content } from './torg12.js';
import { updContent } from './upd.js';

// One built-in layout per document type, each in its own file; the page orientation is the form's.

type Layout = {
  orientation: PageOrientation;
  content: (s: DocumentSnapshot, assets: RenderAssets) => Content[] | Promise<Content[]>;
};

const layouts: Record<DocumentType, Layout> = {
  quote: { orientation: 'portrait', content: quoteContent },
  invoice: { orientation: 'portrait', content: invoiceContent },
  act: { orientation: 'portrait', content: actContent },
  torg12: { orientation: 'landscape', content: torg12Content },
  upd: { orientation: 'landscape', content: updContent },
  contract: { orientation: 'portrait', content: contractContent },
};

export async function renderDocumentPdf(
  snapshot: DocumentSnapshot,
  assets: RenderAssets = {},
): Promise<Buffer> {
  const layout = layouts[snapshot.type];
  return renderPdf({
    pageOrientation: layout.orientation,
    info: { title: `${snapshot.type} ${snapshot.number}`, creator: 'Voronka CRM' },
    content: await layout.content(snapshot, assets),
  });
}

export async function renderPriceListPdf(p: PriceListSnapshot): Promise<Buffer> {
  return renderPdf({
    info: { title: p.name, creator: 'Voronka CRM' },
    content: priceListContent(p),
  });
}
