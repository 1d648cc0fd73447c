import type { Ctx } from './platform/context.js';
import * as activities from './modules/activities/service.js';
import * as clients from './modules/clients/service.js';
import * as leads from './modules/leads/service.js';
import type { AuditTitles } from './modules/workspaces/service.js';

// The audit log names its records as people know them: contacts, companies, deals, requests and
// tasks, each read through its own module (keys are "entity:id"). What the reader may not see, or
// what is gone, is left to the snapshot's own name.
export const auditTitles: AuditTitles = async (ctx: Ctx, ids) => {
  const out = new Map<string, string>();
  const names = await clients.recordNames(ctx, {
    contacts: ids.get('contacts'),
    companies: ids.get('companies'),
    deals: ids.get('deals'),
  });
  for (const [entity, map] of [
    ['contacts', names.contacts],
    ['companies', names.companies],
    ['deals', names.deals],
  ] as const)
    for (const [id, name] of map) out.set(`${entity}:${id}`, name);
  for (const id of ids.get('leads') ?? []) {
    const lead = await leads.leadSummary(ctx, id).catch(() => null);
    if (lead?.title) out.set(`leads:${id}`, lead.title);
  }
  for (const id of ids.get('tasks') ?? []) {
    const task = await activities.getTask(ctx, id).catch(() => null);
    if (task) out.set(`tasks:${id}`, task.title);
  }
  return out;
};
