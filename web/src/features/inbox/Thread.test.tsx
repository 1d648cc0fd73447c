import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { Thread } from './Thread';
import { conversation, json, message, renderWith } from './test-helpers';
import { mergeMessages } from './thread-history';

// The server shows the latest messages; "Показать более ранние" pages back through
// GET /conversations/{id}/messages (stubbed here with the cursors the server would give).
const shownTexts = () => screen.getAllByText(/^сообщение \d+$/).map((el) => el.textContent ?? '');
const older: Record<string, { items: ReturnType<typeof message>[]; nextCursor: string | null }> = {
  'cur-1': { items: [message(5), message(4), message(3)], nextCursor: 'cur-2' },
  'cur-2': { items: [message(2), message(1)], nextCursor: null },
};
let requested: string[];

beforeEach(async () => {
  await setLanguage('ru');
  requested = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/v1/conversations/c1/messages') {
      requested.push(u.search);
      return json(older[u.searchParams.get('cursor') ?? '']);
    }
    return json({}, 404);
  });
});
afterEach(() => vi.unstubAllGlobals());

const name = () => null;

describe('Thread', () => {
  it('loads earlier messages above the shown ones until there are none', async () => {
    renderWith(
      <Thread
        conversation={conversation([message(6), message(7)], {
          hasOlder: true,
          olderCursor: 'cur-1',
        })}
        userName={name}
      />,
    );
    expect(shownTexts()).toEqual(['сообщение 6', 'сообщение 7']);
    fireEvent.click(screen.getByRole('button', { name: 'Показать более ранние' }));
    await waitFor(() => expect(screen.getAllByTestId(/^message-/)).toHaveLength(5));
    fireEvent.click(screen.getByRole('button', { name: 'Показать более ранние' }));
    await waitFor(() => expect(screen.getAllByTestId(/^message-/)).toHaveLength(7));
    expect(shownTexts()).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `сообщение ${n}`));
    expect(screen.queryByRole('button', { name: 'Показать более ранние' })).toBeNull();
    expect(requested).toEqual(['?limit=50&cursor=cur-1', '?limit=50&cursor=cur-2']);
  });

  it('offers no button when the conversation has nothing earlier', () => {
    renderWith(<Thread conversation={conversation([message(1)])} userName={name} />);
    expect(screen.queryByRole('button', { name: 'Показать более ранние' })).toBeNull();
  });

  it('keeps a message that slid out of the latest window when a new one arrives', async () => {
    const view = renderWith(
      <Thread
        conversation={conversation([message(6), message(7)], {
          hasOlder: true,
          olderCursor: 'cur-1',
        })}
        userName={name}
      />,
    );
    // The server's window moved on: 7, 8 (6 dropped out of it), and its olderCursor now points at 7.
    view.rerender(
      <Thread
        conversation={conversation([message(7), message(8)], {
          hasOlder: true,
          olderCursor: 'cur-moved',
        })}
        userName={name}
      />,
    );
    expect(shownTexts()).toEqual(['сообщение 6', 'сообщение 7', 'сообщение 8']);
    fireEvent.click(screen.getByRole('button', { name: 'Показать более ранние' }));
    await waitFor(() => expect(screen.getAllByTestId(/^message-/)).toHaveLength(6));
    expect(requested).toEqual(['?limit=50&cursor=cur-1']);
  });
});

describe('mergeMessages', () => {
  it('orders by id and lets the later copy of a message win (queued → sent)', () => {
    const queued = message(3, { direction: 'out', status: 'queued' });
    const sent = { ...queued, status: 'sent' as const };
    expect(
      mergeMessages([message(2), queued], [sent, message(1)]).map((m) => [m.id, m.status]),
    ).toEqual([
      [message(1).id, 'received'],
      [message(2).id, 'received'],
      [queued.id, 'sent'],
    ]);
  });
});
