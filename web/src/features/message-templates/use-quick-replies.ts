import type { Template, TemplatePreviewBody } from '@voronka/contract';
import { type KeyboardEvent, useState } from 'react';
import { usePreviewTemplate, useTemplates } from './use-message-templates';

const MAX_SHOWN = 8;
export const QUICK_LIST_ID = 'quick-replies';
export const quickOptionId = (id: string) => `quick-reply-${id}`;

// Quick replies: a reply text that is just "/" and a word opens the picker of message templates
// whose name holds that word. ↑/↓ move, Enter or Tab inserts the template rendered for the
// conversation's client (its contact, company, deal), Esc closes until the text changes.
type Ref = { id: string } | null;
export function useQuickReplies(
  of: { contact: Ref; company: Ref; deal: Ref },
  text: string,
  fill: (text: string) => void,
) {
  const record: TemplatePreviewBody = {
    ...(of.contact ? { contactId: of.contact.id } : {}),
    ...(of.company ? { companyId: of.company.id } : {}),
    ...(of.deal ? { dealId: of.deal.id } : {}),
  };
  const typing = /^\/\S*$/.test(text);
  const [closedAt, setClosedAt] = useState<string | null>(null);
  const [cursor, setCursor] = useState({ query: '', index: 0 });
  const open = typing && closedAt !== text;
  const query = typing ? text.slice(1).toLowerCase() : '';
  const templates = useTemplates('message', typing);
  const matches = (templates.data ?? [])
    .filter((t) => t.name.toLowerCase().includes(query))
    .slice(0, MAX_SHOWN);
  const index =
    cursor.query === query ? Math.min(cursor.index, Math.max(0, matches.length - 1)) : 0;
  const move = (by: number) =>
    setCursor({
      query,
      index: matches.length ? (index + by + matches.length) % matches.length : 0,
    });
  const render = usePreviewTemplate({ onSuccess: (r) => fill(r.body) });
  const pick = (t: Template) => render.mutate({ id: t.id, record });

  // Handles the key when the picker is open; says whether it did (the box then does nothing else).
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') move(e.key === 'ArrowDown' ? 1 : -1);
    else if ((e.key === 'Enter' || e.key === 'Tab') && matches[index]) pick(matches[index]);
    else if (e.key === 'Escape') setClosedAt(text);
    else return false;
    e.preventDefault();
    return true;
  };
  const active = open ? matches[index] : undefined;
  return {
    open,
    // The text box's side of the picker: it stays a textbox, driving the listbox's active option.
    inputProps: {
      'aria-autocomplete': 'list',
      'aria-controls': open ? QUICK_LIST_ID : undefined,
      'aria-activedescendant': active ? quickOptionId(active.id) : undefined,
    } as const,
    query,
    matches,
    index,
    loading: templates.isPending,
    rendering: render.isPending,
    error: render.error,
    pick,
    hover: (i: number) => setCursor({ query, index: i }),
    onKeyDown,
  };
}

export type QuickReplies = ReturnType<typeof useQuickReplies>;
