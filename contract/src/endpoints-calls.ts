import { z } from 'zod';
import { page } from './common.js';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  CallbackBody,
  CallExtension,
  CallExtensionBody,
  CallJournalEntry,
  CallJournalQuery,
  CallList,
  CallListCreateBody,
  CallListImported,
  CallListImportQuery,
  CallListItem,
  CallListUpdateBody,
  CallScriptBranches,
  DoNotCallBody,
  DoNotCallEntry,
  DoNotCallQuery,
  CallListNext,
  CallOutcomeBody,
  CallStats,
  CallStatsQuery,
  OutgoingCall,
} from './calls.js';

// Click-to-call, the call journal and statistics, call lists (joined into endpoints.ts).
export const callEndpoints = {
  'GET /calls/extension': { response: CallExtension },
  'PUT /calls/extension': { body: CallExtensionBody, response: CallExtension },
  'POST /calls/callback': { body: CallbackBody, response: OutgoingCall },
  'GET /calls': { query: CallJournalQuery, response: page(CallJournalEntry) },
  'GET /calls/stats': { query: CallStatsQuery, response: CallStats },
  'GET /call-lists': { response: z.object({ items: z.array(CallList) }) },
  'POST /call-lists': { body: CallListCreateBody, response: CallList },
  'GET /call-lists/:id': { response: CallList },
  'PATCH /call-lists/:id': { body: CallListUpdateBody, response: CallList },
  'GET /call-lists/:id/branches': { response: CallScriptBranches },
  'DELETE /call-lists/:id': { response: NoContent },
  'POST /call-lists/import': { query: CallListImportQuery, response: CallListImported },
  'GET /calls/do-not-call': {
    query: DoNotCallQuery,
    response: z.object({ items: z.array(DoNotCallEntry) }),
  },
  'POST /calls/do-not-call': {
    body: DoNotCallBody,
    response: z.object({ items: z.array(DoNotCallEntry) }),
  },
  'DELETE /calls/do-not-call/:id': { response: NoContent },
  'GET /call-lists/:id/items': { response: z.object({ items: z.array(CallListItem) }) },
  'POST /call-lists/:id/next': { response: CallListNext },
  'POST /call-lists/:id/items/:itemId/outcome': { body: CallOutcomeBody, response: CallListItem },
} as const satisfies Record<string, Endpoint>;
