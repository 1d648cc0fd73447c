import {
  CompanyListQuery,
  type Company,
  type CompanyCreateBody,
  type CompanyListRequest,
  type CompanySaved,
  type CompanyUpdateBody,
  type DuplicateRef,
  type Page,
} from '@voronka/contract';
import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { listTextFilter } from '../../platform/db/text-search.js';
import { ownedScope, visibleTo } from '../workspaces/service.js';
import './owned.js';
import { assertOnlyCustomExtras, customFilter, validateCustom } from '../fields/service.js';
import {
  assertOwner,
  defined,
  keysetAfter,
  keysetOrder,
  likeEscape,
  sortKeyText,
  textOrNull,
  type SortSpec,
} from './listing.js';
import { assertRequisites, websiteUrl, type Requisites } from './requisites.js';
import { companyDeleted } from './client-links.js';
import { companies, contacts } from './tables.js';

export const companyColumns = {
  id: companies.id,
  name: companies.name,
  legalForm: companies.legalForm,
  inn: companies.inn,
  kpp: companies.kpp,
  ogrn: companies.ogrn,
  legalAddress: companies.legalAddress,
  postalAddress: companies.postalAddress,
  bankName: companies.bankName,
  bik: companies.bik,
  corrAccount: companies.corrAccount,
  settlementAccount: companies.settlementAccount,
  website: companies.website,
  industry: companies.industry,
  timezone: companies.timezone,
  ownerId: companies.ownerId,
  tags: companies.tags,
  custom: companies.custom,
  createdAt: companies.createdAt,
  updatedAt: companies.updatedAt,
};
type CompanyRow = Omit<Company, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };
export const toCompany = (r: CompanyRow): Company => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const sorts: Record<CompanyListQuery['sort'], SortSpec> = {
  name: { column: companies.name, kind: 'text' },
  updatedAt: { column: companies.updatedAt, kind: 'timestamp' },
  createdAt: { column: companies.createdAt, kind: 'timestamp' },
};

// q: a name fragment (trigram index), an exact INN, or words of the name/address (full text).
function companySearch(q: string) {
  const like = `%${likeEscape(q)}%`;
  return sql`(${companies.name} ilike ${like} or ${companies.inn} = ${q} or ${companies.search} @@ plainto_tsquery('russian', ${q}))`;
}

const knownParams = Object.keys(CompanyListQuery.shape);

export async function listCompanies(ctx: Ctx, q: CompanyListRequest): Promise<Page<Company>> {
  assertOnlyCustomExtras(q, knownParams);
  const sort = sorts[q.sort ?? 'updatedAt'];
  const order = q.order ?? 'desc';
  const custom = await customFilter(ctx, 'companies', companies.custom, q);
  const rows = await ctx.tx
    .select({ ...companyColumns, sortKey: sortKeyText(sort) })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        visibleTo(ctx, 'companies', companies.ownerId),
        q.q
          ? await listTextFilter(
              ctx.tx,
              {
                table: companies,
                id: companies.id,
                workspace: eq(companies.workspaceId, ctx.workspaceId),
                visible: visibleTo(ctx, 'companies', companies.ownerId),
              },
              companySearch(q.q),
            )
          : undefined,
        q.ownerId ? eq(companies.ownerId, q.ownerId) : undefined,
        q.tag ? sql`${companies.tags} @> array[${q.tag}]::text[]` : undefined,
        q.industry ? eq(companies.industry, q.industry) : undefined,
        q.inn ? eq(companies.inn, q.inn.replace(/\s+/g, '')) : undefined,
        custom,
        keysetAfter(sort, companies.id, order, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(sort, companies.id, order))
    .limit(q.limit + 1);
  return toPage(
    rows,
    q.limit,
    ({ sortKey: _, ...r }) => toCompany(r),
    (r) => [r.sortKey, r.id],
  );
}

// `scoped` false only after a write: the actor may have handed the record to someone they cannot see.
export async function getCompany(ctx: Ctx, id: string, scoped = true): Promise<Company> {
  const [row] = await ctx.tx
    .select(companyColumns)
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        eq(companies.id, id),
        scoped ? ownedScope(ctx, 'companies') : undefined,
      ),
    );
  if (!row) throw new DomainError('company.not_found', 'company not found');
  return toCompany(row);
}

// Requisites arrive as people type them: spaces dropped, KPP letters upper-cased.
function cleanRequisites(body: CompanyUpdateBody): Requisites {
  const squeeze = (v: string | null | undefined) =>
    textOrNull(v === undefined || v === null ? v : v.replace(/\s+/g, ''));
  return defined({
    inn: squeeze(body.inn),
    kpp: squeeze(body.kpp)?.toUpperCase(),
    ogrn: squeeze(body.ogrn),
    bik: squeeze(body.bik),
    corrAccount: squeeze(body.corrAccount),
    settlementAccount: squeeze(body.settlementAccount),
  });
}

function website(v: string | null | undefined): string | null | undefined {
  const text = textOrNull(v);
  if (!text) return text;
  const checked = websiteUrl(text);
  if ('reason' in checked)
    throw new DomainError('request.invalid', `website: ${checked.reason}`, { field: 'website' });
  return checked.url;
}

function companyValues(body: CompanyUpdateBody) {
  return defined({
    name: body.name,
    legalForm: textOrNull(body.legalForm),
    legalAddress: textOrNull(body.legalAddress),
    postalAddress: textOrNull(body.postalAddress),
    bankName: textOrNull(body.bankName),
    website: website(body.website),
    industry: textOrNull(body.industry),
    timezone: body.timezone,
    ownerId: body.ownerId,
    tags: body.tags ? [...new Set(body.tags)] : undefined,
    ...cleanRequisites(body),
  });
}

// Other visible companies with the same INN: reported to the caller, not refused (branches of one
// organisation share an INN and differ by KPP, and people legitimately re-enter a client).
export async function companyDuplicates(
  ctx: Ctx,
  inn: string | null | undefined,
  exceptId: string,
): Promise<DuplicateRef[]> {
  if (!inn) return [];
  const rows = await ctx.tx
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(
      and(
        eq(companies.workspaceId, ctx.workspaceId),
        eq(companies.inn, inn),
        ne(companies.id, exceptId),
        visibleTo(ctx, 'companies', companies.ownerId),
      ),
    )
    .limit(10);
  return rows.map((r) => ({ ...r, matchedOn: 'inn' as const }));
}

export async function createCompany(ctx: Ctx, body: CompanyCreateBody): Promise<CompanySaved> {
  const ownerId = body.ownerId === undefined ? ctx.actor.memberId : body.ownerId;
  await assertOwner(ctx, ownerId);
  const values = companyValues(body);
  assertRequisites(values);
  const custom = await validateCustom(ctx, 'companies', body.custom);
  const id = newId();
  await ctx.tx
    .insert(companies)
    .values({ ...values, name: body.name, workspaceId: ctx.workspaceId, id, ownerId, custom });
  const company = await getCompany(ctx, id, false);
  await recordAudit(ctx, {
    action: 'company.created',
    entity: 'companies',
    entityId: id,
    after: company,
  });
  return { ...company, duplicates: await companyDuplicates(ctx, company.inn, id) };
}

export async function updateCompany(
  ctx: Ctx,
  id: string,
  body: CompanyUpdateBody,
): Promise<CompanySaved> {
  const before = await getCompany(ctx, id);
  if (body.ownerId !== undefined) await assertOwner(ctx, body.ownerId);
  const values = companyValues(body);
  assertRequisites({ ...before, ...values });
  const custom =
    body.custom === undefined
      ? undefined
      : await validateCustom(ctx, 'companies', body.custom, before.custom);
  await ctx.tx
    .update(companies)
    .set({ ...values, ...defined({ custom }), updatedAt: sql`now()` })
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)));
  const after = await getCompany(ctx, id, false);
  await recordAudit(ctx, {
    action: 'company.updated',
    entity: 'companies',
    entityId: id,
    before,
    after,
  });
  const duplicates = values.inn !== undefined ? await companyDuplicates(ctx, after.inn, id) : [];
  return { ...after, duplicates };
}

// Contacts and deals of a deleted company stay, unlinked. Unlinked here, not by the foreign keys:
// their composite `on delete set null` would null workspace_id too and fail.
export async function deleteCompany(ctx: Ctx, id: string): Promise<void> {
  const before = await getCompany(ctx, id);
  await ctx.tx
    .update(contacts)
    .set({ companyId: null })
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.companyId, id)));
  await companyDeleted(ctx, id);
  await ctx.tx
    .delete(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.id, id)));
  await recordAudit(ctx, { action: 'company.deleted', entity: 'companies', entityId: id, before });
}
