import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  Template,
  TemplateCreateBody,
  TemplateListQuery,
  TemplatePreview,
  TemplatePreviewBody,
  TemplateUpdateBody,
} from './messaging.js';
import { z } from 'zod';

// Messaging: templates (joined into endpoints.ts).
export const messagingEndpoints = {
  'GET /templates': { query: TemplateListQuery, response: z.object({ items: z.array(Template) }) },
  'POST /templates': { body: TemplateCreateBody, response: Template },
  'GET /templates/:id': { response: Template },
  'PATCH /templates/:id': { body: TemplateUpdateBody, response: Template },
  'DELETE /templates/:id': { response: NoContent },
  'POST /templates/:id/preview': { body: TemplatePreviewBody, response: TemplatePreview },
} as const satisfies Record<string, Endpoint>;
