import type {
  BankAccount,
  ImageKind,
  LegalEntity,
  LegalEntityCreateBody,
  LegalEntityUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requisiteProblems } from '../clients/service.js';
import { documents, documentTemplates, legalEntities, legalEntityImages } from './tables.js';

type Row = typeof legalEntities.$inferSelect;

const digitsOnly = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v === '' ? null : v.replace(/[\s-]/g, '');

// Requisites by the clients' official checks (clients/requisites.ts: INN, KPP, OGRN, BIK and both
// accounts' control keys against the BIK); the first problem is a 400 naming the field.
function assertValid(body: LegalEntityUpdateBody): void {
  const top = requisiteProblems({ inn: body.inn, kpp: body.kpp, ogrn: body.ogrn });
  const accounts = (body.bankAccounts ?? []).flatMap((a, i) => {
    const problems = requisiteProblems({
      bik: a.bik,
      corrAccount: a.corrAccount,
      settlementAccount: a.settlementAccount,
    });
    const missing = (['bik', 'corrAccount', 'settlementAccount'] as const)
      .filter((f) => !a[f])
      .map((field) => ({ field, reason: 'is required' }));
    return [...missing, ...problems].map((p) => ({ ...p, field: `bankAccounts.${i}.${p.field}` }));
  });
  const [first] = [...top, ...accounts];
  if (first)
    throw new DomainError('legal_entity.invalid_requisite', `${first.field}: ${first.reason}`, {
      field: first.field,
    });
}

function normalized<T extends LegalEntityUpdateBody>(body: T): T {
  return {
    ...body,
    inn: digitsOnly(body.inn),
    kpp: body.kpp === undefined ? undefined : body.kpp?.toUpperCase() || null,
    ogrn: digitsOnly(body.ogrn),
    bankAccounts: body.bankAccounts?.map((a): BankAccount => ({
      bankName: a.bankName,
      bik: digitsOnly(a.bik) ?? '',
      corrAccount: digitsOnly(a.corrAccount) ?? '',
      settlementAccount: digitsOnly(a.settlementAccount) ?? '',
    })),
  };
}

async function imagesOf(ctx: Ctx, ids: string[]): Promise<Map<string, ImageKind[]>> {
  const out = new Map<string, ImageKind[]>();
  if (!ids.length) return out;
  const rows = await ctx.tx
    .select({ id: legalEntityImages.legalEntityId, kind: legalEntityImages.kind })
    .from(legalEntityImages)
    .where(
      and(
        eq(legalEntityImages.workspaceId, ctx.workspaceId),
        inArray(legalEntityImages.legalEntityId, ids),
      ),
    );
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.kind]);
  return out;
}

const toEntity = (row: Row, images: ImageKind[]): LegalEntity => ({
  id: row.id,
  name: row.name,
  inn: row.inn,
  kpp: row.kpp,
  ogrn: row.ogrn,
  address: row.address,
  phone: row.phone,
  bankAccounts: row.bankAccounts,
  director: row.director ?? null,
  accountant: row.accountant ?? null,
  vatPayer: row.vatPayer,
  images: [...images].sort(),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export async function findLegalEntityRow(ctx: Ctx, id: string, field?: string): Promise<Row> {
  const [row] = await ctx.tx
    .select()
    .from(legalEntities)
    .where(and(eq(legalEntities.workspaceId, ctx.workspaceId), eq(legalEntities.id, id)));
  if (!row) {
    const e = notFound('legal_entity.not_found', 'legal entity');
    throw field ? new DomainError(e.code, e.message, { field }) : e;
  }
  return row;
}

export async function listLegalEntities(ctx: Ctx): Promise<{ items: LegalEntity[] }> {
  const rows = await ctx.tx
    .select()
    .from(legalEntities)
    .where(eq(legalEntities.workspaceId, ctx.workspaceId))
    .orderBy(asc(legalEntities.name), asc(legalEntities.id));
  const images = await imagesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toEntity(r, images.get(r.id) ?? [])) };
}

export async function getLegalEntity(ctx: Ctx, id: string): Promise<LegalEntity> {
  const row = await findLegalEntityRow(ctx, id);
  return toEntity(row, (await imagesOf(ctx, [id])).get(id) ?? []);
}

export async function createLegalEntity(
  ctx: Ctx,
  input: LegalEntityCreateBody,
): Promise<LegalEntity> {
  const body = normalized(input);
  assertValid(body);
  const [row] = await ctx.tx
    .insert(legalEntities)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: body.name,
      inn: body.inn ?? null,
      kpp: body.kpp ?? null,
      ogrn: body.ogrn ?? null,
      address: body.address ?? null,
      phone: body.phone ?? null,
      bankAccounts: body.bankAccounts ?? [],
      director: body.director ?? null,
      accountant: body.accountant ?? null,
      vatPayer: body.vatPayer ?? true,
    })
    .returning();
  const entity = toEntity(row!, []);
  await recordAudit(ctx, {
    action: 'legal_entity.created',
    entity: 'legal_entities',
    entityId: entity.id,
    after: entity,
  });
  return entity;
}

export async function updateLegalEntity(
  ctx: Ctx,
  id: string,
  input: LegalEntityUpdateBody,
): Promise<LegalEntity> {
  const before = await getLegalEntity(ctx, id);
  const body = normalized(input);
  assertValid(body);
  const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  await ctx.tx
    .update(legalEntities)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(legalEntities.workspaceId, ctx.workspaceId), eq(legalEntities.id, id)));
  const after = await getLegalEntity(ctx, id);
  await recordAudit(ctx, {
    action: 'legal_entity.updated',
    entity: 'legal_entities',
    entityId: id,
    before,
    after,
  });
  return after;
}

// An entity with documents stays (they print it); only an unused one is deleted.
export async function deleteLegalEntity(ctx: Ctx, id: string): Promise<void> {
  const before = await getLegalEntity(ctx, id);
  const [used] = await ctx.tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.legalEntityId, id)))
    .limit(1);
  if (used)
    throw new DomainError('legal_entity.in_use', 'the legal entity has documents and stays');
  // Its templates become usable with any entity.
  await ctx.tx
    .update(documentTemplates)
    .set({ legalEntityId: null })
    .where(
      and(
        eq(documentTemplates.workspaceId, ctx.workspaceId),
        eq(documentTemplates.legalEntityId, id),
      ),
    );
  await ctx.tx
    .delete(legalEntities)
    .where(and(eq(legalEntities.workspaceId, ctx.workspaceId), eq(legalEntities.id, id)));
  await recordAudit(ctx, {
    action: 'legal_entity.deleted',
    entity: 'legal_entities',
    entityId: id,
    before,
  });
}
