import type { Ctx } from '../../platform/context.js';
import * as inbox from '../inbox/service.js';

// Routing's only reads from the inbox: which conversation a request came in (for notices and list
// refreshes) and what files the client sent with it (a specification is a warm sign). Once intake
// stores the conversation on the request itself, these become reads of the request.

export const conversationOfRequest = (ctx: Ctx, leadId: string): Promise<string | null> =>
  inbox.conversationOfLead(ctx, leadId);

export const attachmentsOfRequest = async (
  ctx: Ctx,
  conversationId: string | null,
): Promise<{ name: string; type: string }[]> =>
  conversationId ? inbox.inboundAttachments(ctx, conversationId) : [];
