import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { renderPdf } from './engine.js';
import { rule, title } from './parts.js';

// A plain document: a title, a few label–value lines, then headed sections of paragraphs, bullet
// lists and tables, and signature lines. What the privacy module prints (the destruction act of
// personal data, a data-subject's answer letter and export summary, job descriptions, the
// processing description for Roskomnadzor) — papers of words, not of money, so one layout serves.

export type PlainBlock =
  | { heading: string }
  | { paragraph: string; bold?: boolean }
  | { list: string[]; numbered?: boolean }
  | { table: { headers: string[]; widths?: (number | '*' | 'auto')[]; rows: string[][] } };

export interface PlainDocument {
  title: string;
  subtitle?: string;
  /** Lines under the title: «Дата: 04.12.2026». */
  meta?: [label: string, value: string][];
  blocks: PlainBlock[];
  /** Signature lines: «Ответственный … ____ / Имя /». */
  signatures?: { role: string; name: string }[];
  /** Where a person acknowledges: printed small at the end. */
  footer?: string;
}

function block(b: PlainBlock): Content {
  if ('heading' in b) return { text: b.heading, bold: true, fontSize: 11, margin: [0, 8, 0, 3] };
  if ('paragraph' in b)
    return { text: b.paragraph, bold: b.bold ?? false, margin: [0, 2, 0, 3], alignment: 'justify' };
  if ('list' in b)
    return b.numbered
      ? { ol: [...b.list], margin: [0, 2, 0, 4] }
      : { ul: [...b.list], margin: [0, 2, 0, 4] };
  const head = (text: string): TableCell => ({ text, bold: true, fillColor: '#eeeeee' });
  const widths = b.table.widths ?? b.table.headers.map(() => '*' as const);
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [b.table.headers.map(head), ...b.table.rows.map((r) => r.map((c) => c ?? ''))],
    },
    fontSize: 8,
    margin: [0, 3, 0, 6],
  };
}

export async function renderPlainPdf(doc: PlainDocument): Promise<Buffer> {
  const content: Content[] = [title(doc.title)];
  if (doc.subtitle) content.push({ text: doc.subtitle, margin: [0, 0, 0, 4] });
  if (doc.meta?.length)
    content.push(
      ...doc.meta.map(([label, value]): Content => ({
        columns: [
          { width: 150, text: label },
          { width: '*', text: value, bold: true },
        ],
        margin: [0, 1, 0, 1],
      })),
    );
  content.push(rule(), ...doc.blocks.map(block));
  for (const s of doc.signatures ?? [])
    content.push({
      columns: [
        { width: 200, text: s.role },
        { width: '*', text: `____________________ / ${s.name} /` },
      ],
      margin: [0, 14, 0, 0],
    });
  if (doc.footer) content.push({ text: doc.footer, fontSize: 7, margin: [0, 16, 0, 0] });
  return renderPdf({
    info: { title: doc.title, creator: 'Voronka CRM' },
    defaultStyle: { fontSize: 10 },
    content,
  });
}
