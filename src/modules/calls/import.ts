import type { CallListImported, CallListImportQuery } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { looksLikeXlsx, readTableRows } from '../../platform/export/table-reader.js';
import * as clients from '../clients/service.js';
import * as transfer from '../transfer/service.js';
import * as workspaces from '../workspaces/service.js';
import { assertManagers, saveList, type Candidate } from './create.js';

// A call list from a CSV/XLSX file (a bought or exported base): transfer reads the file as it reads
// any import (format, encoding, limits, a readable header), then every row is read here: the phone
// column (given, or the first whose cells are mostly phone numbers), the name column (given, or the
// first other non-empty one). A number already on a contact joins the item to that contact; rows
// without a valid number are counted and left out; numbers on the do-not-call list are left out.

const MAX_ROWS = 5000;

export async function importCallList(
  ctx: Ctx,
  q: CallListImportQuery,
  content: Buffer,
  isXlsxType: boolean,
): Promise<CallListImported> {
  await assertManagers(ctx, q.managerIds);
  const { header, preview } = await transfer.scanImportFile(content, isXlsxType);
  const region = clients.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale);
  const phoneColumn = q.phoneColumn ?? guessPhoneColumn(header.length, preview, region);
  if (phoneColumn === undefined || phoneColumn >= header.length)
    throw new DomainError('request.invalid', 'phoneColumn: no column of phone numbers found', {
      field: 'phoneColumn',
    });
  const nameColumn =
    q.nameColumn ?? header.findIndex((h, i) => i !== phoneColumn && h.trim() !== '');
  const found = new Map<string, Candidate>();
  let skipped = 0;
  let first = true;
  for await (const row of readTableRows(content, looksLikeXlsx(content) ? 'xlsx' : 'csv')) {
    if (first) {
      first = false;
      continue;
    }
    if (found.size >= MAX_ROWS) break;
    const phone = clients.toE164(row[phoneColumn] ?? '', region);
    if (!phone) {
      if (row.some((c) => c.trim())) skipped++;
      continue;
    }
    if (found.has(phone)) continue;
    const match = await clients.findContactByPoint(ctx, 'phone', phone);
    const name = (nameColumn >= 0 ? row[nameColumn]?.trim() : '') || match?.name || phone;
    found.set(phone, {
      contactId: match?.id ?? null,
      companyId: match?.companyId ?? null,
      name: name.slice(0, 300),
      phone,
    });
  }
  if (!found.size)
    throw new DomainError('request.invalid', 'file: no row holds a phone number', {
      field: 'file',
    });
  const list = await saveList(
    ctx,
    {
      name: q.name,
      managerIds: q.managerIds,
      script: [],
      source: { kind: 'import', fileName: q.fileName },
    },
    [...found.values()],
  );
  return { ...list, skippedRows: skipped };
}

function guessPhoneColumn(
  width: number,
  rows: string[][],
  region: ReturnType<typeof clients.defaultPhoneRegion>,
): number | undefined {
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) => r[i] ?? '').filter((c) => c.trim());
    if (cells.length && cells.filter((c) => clients.toE164(c, region)).length * 2 > cells.length)
      return i;
  }
  return undefined;
}
