import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// pdfmake on the server: Roboto from pdfmake's own package (Cyrillic and «₽» included, embedded
// as CID fonts with ToUnicode so the text can be extracted), local reads allowed only from that
// directory and no URL ever fetched (pdfmake 0.3 asks for both policies, STACK.md 9a). Images come
// in as data URLs, never as paths.

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(
  path.dirname(require.resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
);

let ready = false;
function setUp(): void {
  if (ready) return;
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
  pdfmake.setUrlAccessPolicy(() => false);
  ready = true;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  setUp();
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [36, 30, 30, 36],
    ...definition,
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1, ...definition.defaultStyle },
  };
  return pdfmake.createPdf(doc).getBuffer();
}

export function dataUrl(image: { mime: string; data: Buffer }): string {
  return `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}`;
}
