import type { TemplatePreview, TemplatePreviewBody } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as workspaces from '../workspaces/service.js';
import { renderTemplate, TemplateProblem, type RenderData } from './engine.js';
import { renderDataFor, sampleData } from './render-context.js';
import { findTemplateRow, type TemplateRow } from './templates.js';

// A template rendered for one record (or a sample client): what a preview shows and a quick reply
// fills in. A template that cannot render within the limits answers 422 naming the field.
export async function renderRow(
  row: Pick<TemplateRow, 'subject' | 'body'>,
  data: RenderData,
): Promise<{ subject: string | null; body: string }> {
  const one = async (field: 'subject' | 'body', text: string) => {
    try {
      return await renderTemplate(text, data);
    } catch (err) {
      if (err instanceof TemplateProblem)
        throw new DomainError('message_template.invalid', err.message, { field });
      throw err;
    }
  };
  return {
    subject: row.subject
      ? (await one('subject', row.subject)).replace(/[\r\n]+/g, ' ').trim()
      : null,
    body: await one('body', row.body),
  };
}

export async function previewTemplate(
  ctx: Ctx,
  id: string,
  rec: TemplatePreviewBody,
): Promise<TemplatePreview> {
  const row = await findTemplateRow(ctx, id);
  const sample = !rec.contactId && !rec.companyId && !rec.dealId;
  const data = sample
    ? sampleData(row.locale, (await workspaces.getWorkspace(ctx)).name)
    : await renderDataFor(ctx, rec);
  return { ...(await renderRow(row, data)), sample };
}
