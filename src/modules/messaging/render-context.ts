import type { Company, Contact, Deal, TemplatePreviewBody } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';
import type { RenderData } from './engine.js';

// The data a template is rendered with, read through the owning modules' services under the
// caller's visibility (a record they cannot see answers as missing). A deal brings its company,
// first contact and owner; a contact its company. Only flat, named fields go in: never a row.

export type RenderRecord = TemplatePreviewBody;

const clientOf = (c: Contact | null) => ({
  name: c?.fullName ?? '',
  firstName: c?.firstName ?? '',
  lastName: c?.lastName ?? '',
  middleName: c?.middleName ?? '',
  position: c?.position ?? '',
  email: c?.emails[0]?.address ?? '',
  phone: c?.phones[0]?.number ?? '',
});

const companyOf = (c: Company | null) => ({
  name: c?.name ?? '',
  inn: c?.inn ?? '',
  kpp: c?.kpp ?? '',
  legalAddress: c?.legalAddress ?? '',
  website: c?.website ?? '',
});

async function stageName(ctx: Ctx, deal: Deal): Promise<string> {
  const { items } = await pipeline.listPipelines(ctx);
  for (const p of items) for (const s of p.stages) if (s.id === deal.stageId) return s.name;
  return '';
}

async function managerOf(ctx: Ctx, ownerId: string | null) {
  const id = ownerId ?? ctx.actor.memberId;
  if (!id) return { name: '', email: '' };
  const user = await workspaces.getUser(ctx, id).catch((err: unknown) => {
    if (err instanceof DomainError) return null;
    throw err;
  });
  return { name: user?.name ?? '', email: user?.email ?? '' };
}

export async function renderDataFor(ctx: Ctx, rec: RenderRecord): Promise<RenderData> {
  const deal = rec.dealId ? await pipeline.getDeal(ctx, rec.dealId) : null;
  const contactId = rec.contactId ?? deal?.contactIds[0] ?? null;
  const contact = contactId ? await clients.getContact(ctx, contactId) : null;
  const companyId = rec.companyId ?? deal?.companyId ?? contact?.companyId ?? null;
  const company = companyId ? await clients.getCompany(ctx, companyId) : null;
  const ws = await workspaces.getWorkspace(ctx);
  return {
    client: clientOf(contact),
    company: companyOf(company),
    deal: {
      title: deal?.title ?? '',
      amount: deal?.amount ?? 0,
      currency: deal?.currency ?? '',
      stage: deal ? await stageName(ctx, deal) : '',
      expectedCloseDate: deal?.expectedCloseDate ?? '',
    },
    manager: await managerOf(ctx, deal?.ownerId ?? contact?.ownerId ?? company?.ownerId ?? null),
    workspace: { name: ws.name },
  };
}

// A made-up client for a preview with no record chosen.
export function sampleData(locale: 'ru' | 'en', workspaceName: string): RenderData {
  const ru = locale === 'ru';
  return {
    client: {
      name: ru ? 'Иванова Мария Петровна' : 'Mary Smith',
      firstName: ru ? 'Мария' : 'Mary',
      lastName: ru ? 'Иванова' : 'Smith',
      middleName: ru ? 'Петровна' : '',
      position: ru ? 'Директор по закупкам' : 'Head of purchasing',
      email: 'maria@example.ru',
      phone: '+79123456789',
    },
    company: {
      name: ru ? 'ООО «Вектор»' : 'Vector LLC',
      inn: '7707083893',
      kpp: '773601001',
      legalAddress: ru ? 'Москва, ул. Тверская, д. 1' : '1 Tverskaya St, Moscow',
      website: 'vector.example.ru',
    },
    deal: {
      title: ru ? 'Поставка котлов' : 'Boiler supply',
      amount: 4_200_000,
      currency: 'RUB',
      stage: ru ? 'Переговоры' : 'Negotiation',
      expectedCloseDate: '2026-12-31',
    },
    manager: { name: ru ? 'Пётр Смирнов' : 'Peter Smirnov', email: 'manager@example.ru' },
    workspace: { name: workspaceName },
  };
}
