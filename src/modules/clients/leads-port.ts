import type { Ctx } from '../../platform/context.js';

// What crm needs from leads. Leads depends on crm (convert), so crm cannot import it: the
// composition root (src/app.ts) hands the leads service in at start-up as this port.
export type LeadsPort = {
  relinkContact(ctx: Ctx, fromId: string, toId: string): Promise<number>;
  relinkCompany(ctx: Ctx, fromId: string, toId: string): Promise<number>;
};

let port: LeadsPort | null = null;

export function setLeadsPort(leads: LeadsPort): void {
  port = leads;
}

export function leadsPort(): LeadsPort {
  if (!port) throw new Error('the leads module is not wired into crm (setLeadsPort in src/app.ts)');
  return port;
}
