import type { ConversationSummary } from '@voronka/contract';

// The client as the list names them: the matched contact, else the name or address they wrote from.
export function clientLabel(
  c: Pick<ConversationSummary, 'contact' | 'clientName' | 'clientAddress'>,
): string | null {
  return c.contact?.name || c.clientName || c.clientAddress || null;
}

// A conversation's subject, unless it only repeats the channel's name (a form's submissions carry the
// form's name as their subject, and the form's channel has the same name).
export function distinctSubject(
  c: Pick<ConversationSummary, 'subject' | 'channel'>,
): string | null {
  const subject = c.subject?.trim();
  return subject && subject.toLowerCase() !== c.channel.name.trim().toLowerCase() ? subject : null;
}

// E-mail HTML (already sanitised by the server) as a document for a sandboxed frame: no scripts run
// (no allow-scripts), nothing loads from outside (its own CSP), and links open in a new tab.
export function emailDocument(html: string): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'";
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#222;overflow-wrap:anywhere}blockquote{margin:0 0 0 8px;padding-left:8px;border-left:2px solid #ccc;color:#555}table{border-collapse:collapse;max-width:100%}</style></head><body>${html}</body></html>`;
}

// A frame cannot measure a sandboxed document, so its height is estimated from the text (about 45
// characters a line in the thread's column) and its blocks; a longer letter scrolls inside.
export function emailFrameHeight(html: string): number {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
  const blocks = (html.match(/<(p|div|br|li|tr|h\d|blockquote)\b/gi) ?? []).length;
  return Math.min(560, Math.max(80, 32 + (Math.ceil(text / 45) + blocks) * 21));
}

export const downloadUrl = (fileId: string) => `/api/v1/files/${fileId}`;

// Sizes and times in the UI language (lib/format.ts).
export { formatSize, formatWhen } from '../../lib/format';
