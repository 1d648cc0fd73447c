import { z } from 'zod';
import { page } from './common.js';
import type { Endpoint } from './endpoint-kit.js';
import {
  ConsentLog,
  ConsentRecordBody,
  DestructionAct,
  HandoverBody,
  HandoverPreview,
  HandoverPreviewQuery,
  HandoverResult,
  PersonalDataAccess,
  PersonalDataAccessQuery,
  PrivacyEraseBody,
  PrivacyErasure,
  PrivacyRequest,
  PrivacyRequestCloseBody,
  PrivacyRequestCreateBody,
  PrivacyRequestExtendBody,
  PrivacyRequestListQuery,
  RetentionRules,
  RetentionRulesBody,
  RetentionRunResult,
} from './privacy.js';

// Personal data: consent log, data-subject requests, access log, hand-over (joined into endpoints.ts).
export const privacyEndpoints = {
  'GET /contacts/:id/consents': { response: ConsentLog },
  'POST /contacts/:id/consents': { body: ConsentRecordBody, response: ConsentLog },
  'GET /privacy/requests': {
    query: PrivacyRequestListQuery,
    response: z.object({ items: z.array(PrivacyRequest) }),
  },
  'POST /privacy/requests': { body: PrivacyRequestCreateBody, response: PrivacyRequest },
  'GET /privacy/requests/:id': { response: PrivacyRequest },
  'POST /privacy/requests/:id/extend': { body: PrivacyRequestExtendBody, response: PrivacyRequest },
  'POST /privacy/requests/:id/close': { body: PrivacyRequestCloseBody, response: PrivacyRequest },
  'POST /privacy/requests/:id/export': { response: PrivacyRequest },
  'POST /privacy/requests/:id/erase': { body: PrivacyEraseBody, response: PrivacyErasure },
  'GET /privacy/access-log': { query: PersonalDataAccessQuery, response: page(PersonalDataAccess) },
  'GET /privacy/handover': { query: HandoverPreviewQuery, response: HandoverPreview },
  'POST /privacy/handover': { body: HandoverBody, response: HandoverResult },
  'GET /privacy/retention': { response: RetentionRules },
  'PUT /privacy/retention': { body: RetentionRulesBody, response: RetentionRules },
  'POST /privacy/retention/run': { response: RetentionRunResult },
  'GET /privacy/destruction-acts': { response: z.object({ items: z.array(DestructionAct) }) },
} as const satisfies Record<string, Endpoint>;
