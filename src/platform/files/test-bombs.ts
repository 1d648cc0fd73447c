import { Readable } from 'node:stream';
import yazl from 'yazl';

// Real decompression bombs for the tests, built with a real ZIP writer (yazl): an XLSX whose sheet
// XML is hundreds of MiB of repeated rows streamed through deflate into a few hundred KiB, and the
// ways a ZIP can lie about itself. Nothing large is ever held in memory while building them.

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';
const ROW =
  '<row><c t="inlineStr"><is><t>Иванов Иван Иванович</t></is></c><c t="inlineStr"><is><t>+7 912 345-67-89</t></is></c></row>';

// The sheet XML, streamed: `bytes` of repeated rows after the header row.
function* sheetXml(bytes: number): Generator<Buffer> {
  yield Buffer.from(SHEET_HEAD);
  const block = Buffer.from(ROW.repeat(Math.ceil((1024 * 1024) / ROW.length)));
  for (let sent = 0; sent < bytes; sent += block.length) yield block;
  yield Buffer.from(SHEET_TAIL);
}

async function collect(zip: yazl.ZipFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  zip.end();
  return done;
}

// An XLSX whose first sheet inflates to about `sheetBytes`; its directory tells the truth.
export async function xlsxBomb(sheetBytes: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(WORKBOOK), 'xl/workbook.xml');
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels');
  zip.addReadStream(Readable.from(sheetXml(sheetBytes)), 'xl/worksheets/sheet1.xml', {
    compressionLevel: 9,
  });
  return collect(zip);
}

const CD_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;

// The central directory records: offset, length and name of each.
function directory(zip: Buffer) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt32LE(eocd) !== EOCD_SIGNATURE)
    throw new Error('no end of central directory');
  const start = zip.readUInt32LE(eocd + 16);
  const records: { at: number; length: number; name: string }[] = [];
  for (let at = start; at < eocd;) {
    if (zip.readUInt32LE(at) !== CD_SIGNATURE) throw new Error('bad central directory record');
    const length =
      46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    records.push({
      at,
      length,
      name: zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)),
    });
    at += length;
  }
  return { eocd, start, records };
}

// The same bomb with its directory claiming the sheet inflates to `declared` bytes.
export function lyingAboutSize(zip: Buffer, entry: string, declared: number): Buffer {
  const out = Buffer.from(zip);
  const record = directory(out).records.find((r) => r.name === entry);
  if (!record) throw new Error(`no entry ${entry}`);
  out.writeUInt32LE(declared, record.at + 24);
  return out;
}

// An archive whose entry is in the stream of local headers (what a streaming reader sees) but left
// out of the central directory (what a directory check sees).
export function hidingEntry(zip: Buffer, entry: string): Buffer {
  const { eocd, start, records } = directory(zip);
  const record = records.find((r) => r.name === entry);
  if (!record) throw new Error(`no entry ${entry}`);
  const tail = Buffer.from(zip.subarray(eocd));
  tail.writeUInt16LE(records.length - 1, 8);
  tail.writeUInt16LE(records.length - 1, 10);
  tail.writeUInt32LE(eocd - start - record.length, 12);
  return Buffer.concat([
    zip.subarray(0, record.at),
    zip.subarray(record.at + record.length, eocd),
    tail,
  ]);
}

// A ZIP of `count` small files.
export async function manyEntries(count: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (let i = 0; i < count; i++) zip.addBuffer(Buffer.from(`entry ${i}`), `f/${i}.txt`);
  return collect(zip);
}
