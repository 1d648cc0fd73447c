import type { Ctx } from '../../platform/context.js';
import * as inbox from '../inbox/service.js';

// Routing's only read from the inbox: what files the client sent with a request (a specification is
// a warm sign). Which conversation a request came in is the request's own column (stored at intake).

export const attachmentsOfRequest = async (
  ctx: Ctx,
  conversationId: string | null,
): Promise<{ name: string; type: string }[]> =>
  conversationId ? inbox.inboundAttachments(ctx, conversationId) : [];
