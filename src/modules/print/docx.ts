import Docxtemplater from 'docxtemplater';
import { LINE_NAMES, ROOT_NAMES, templateData } from './docx-data.js';
import { openGuarded } from './docx-guard.js';
import type { DocumentSnapshot } from './snapshot.js';
import { TemplateError } from './template-error.js';

// Workspace DOCX templates filled with docxtemplater: `{number}`, `{seller.name}`, loops
// `{#lines}…{/lines}`, conditions `{#vatPayer}…{/vatPayer}`. A template cannot run code: the parser
// below reads only the data object's own properties by exact name (no expressions, no prototype
// walk), and any name with a `__proto__`, `constructor` or `prototype` segment is refused outright.
// Every placeholder must be one of docxPlaceholders; the rest is a TemplateError naming them.

const FORBIDDEN = /(^|[.[\]\s])(__proto__|constructor|prototype)($|[.[\]\s])/;

interface Compiled {
  doc: Docxtemplater;
  tags: Set<string>;
  unknown: Set<string>;
}

type DxtError = Error & {
  properties?: { id?: string; explanation?: string; errors?: DxtError[]; xtag?: string };
};

function fromDocxtemplater(err: unknown): never {
  if (err instanceof TemplateError) throw err;
  const e = err as DxtError;
  const inner = e.properties?.errors?.length ? e.properties.errors : [e];
  const detail = inner.map((i) => i.properties?.explanation ?? i.message).join('; ');
  const xml = inner.some((i) => /xml/i.test(`${i.properties?.id ?? ''} ${i.message}`));
  throw new TemplateError(xml ? 'broken_xml' : 'syntax', `the template cannot be read: ${detail}`);
}

function ownProperty(name: string) {
  return {
    get(scope: unknown): unknown {
      if (scope === null || typeof scope !== 'object') return undefined;
      return Object.hasOwn(scope, name) ? (scope as Record<string, unknown>)[name] : undefined;
    },
  };
}

function compile(template: Buffer): Compiled {
  const zip = openGuarded(template);
  const tags = new Set<string>();
  const unknown = new Set<string>();
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      errorLogging: false,
      linebreaks: true,
      parser: (tag) => {
        const name = tag.trim();
        tags.add(name);
        return ownProperty(name);
      },
      nullGetter: (part) => {
        unknown.add(part.value.trim());
        return '';
      },
    });
  } catch (err) {
    fromDocxtemplater(err);
  }
  const forbidden = [...tags].filter((t) => FORBIDDEN.test(t));
  if (forbidden.length) {
    throw new TemplateError(
      'forbidden_placeholder',
      `the template reads object internals: ${forbidden.map((t) => `{${t}}`).join(', ')}`,
      forbidden,
    );
  }
  const strange = [...tags].filter((t) => !ROOT_NAMES.has(t) && !LINE_NAMES.has(t));
  if (strange.length) throw unknownPlaceholders(strange.sort());
  return { doc, tags, unknown };
}

const unknownPlaceholders = (names: string[]) =>
  new TemplateError(
    'unknown_placeholder',
    `the template has unknown placeholders: ${names.map((t) => `{${t}}`).join(', ')}`,
    names,
  );

function render(compiled: Compiled, data: Record<string, unknown>): Buffer {
  try {
    compiled.doc.render(data);
  } catch (err) {
    fromDocxtemplater(err);
  }
  if (compiled.unknown.size) throw unknownPlaceholders([...compiled.unknown].sort());
  return compiled.doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Fills a DOCX template with a document snapshot; throws TemplateError on any fault. */
export function fillDocxTemplate(template: Buffer, snapshot: DocumentSnapshot): Buffer {
  return render(compile(template), templateData(snapshot));
}

/** Sample data with every placeholder set and one line, to find placeholders used out of place. */
function sampleData(): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const n of ROOT_NAMES) root[n] = n;
  const line: Record<string, string> = {};
  for (const n of LINE_NAMES) line[n] = n;
  return { ...root, vatPayer: true, lines: [line] };
}

/** Upload-time check: the template opens, parses and names only known placeholders (each in its
 * place: line fields inside `{#lines}`). Returns the placeholder names it uses, sorted. */
export function validateDocxTemplate(template: Buffer): { placeholders: string[] } {
  const compiled = compile(template);
  render(compiled, sampleData());
  return { placeholders: [...compiled.tags].sort() };
}
