import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { CompanyForm } from './CompanyForm';

const problem = (field: string) =>
  new Response(
    JSON.stringify({
      type: 'x',
      title: 'company.invalid_requisite',
      status: 400,
      detail: 'INN: check digit does not match',
      code: 'company.invalid_requisite',
      field,
    }),
    {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
    },
  );

// The form asks for the workspace's custom fields; this workspace has none. Other calls go to `save`.
const api = (save: (url: string, init: RequestInit) => Promise<Response> | Response) =>
  vi.fn(async (url: string, init: RequestInit = {}) =>
    String(url).includes('/custom-fields')
      ? new Response(JSON.stringify({ items: [] }), {
          headers: { 'content-type': 'application/json' },
        })
      : save(url, init),
  );
const saves = (fetch: ReturnType<typeof api>) =>
  fetch.mock.calls.filter(([url]) => !String(url).includes('/custom-fields'));

function renderForm() {
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={new QueryClient()}>
        <CompanyForm company={null} onClose={() => undefined} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('CompanyForm', () => {
  beforeAll(() => setLanguage('ru'));
  afterEach(() => vi.unstubAllGlobals());

  it('shows a wrong check digit under the requisite it concerns, in Russian', async () => {
    const fetch = api(async () => problem('inn'));
    vi.stubGlobal('fetch', fetch);
    renderForm();
    fireEvent.change(screen.getByLabelText(/Название/), { target: { value: 'ООО Тест' } });
    fireEvent.change(screen.getByLabelText('ИНН'), { target: { value: '7707083894' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText(/ИНН: 10 цифр для организации/)).toBeTruthy();
    const body = JSON.parse(String(saves(fetch)[0]![1]?.body));
    expect(body).toMatchObject({ name: 'ООО Тест', inn: '7707083894', kpp: null, custom: {} });
  });

  it('asks for a name before sending anything', async () => {
    const fetch = api(() => new Response(null, { status: 500 }));
    vi.stubGlobal('fetch', fetch);
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('Заполните поле')).toBeTruthy();
    expect(saves(fetch)).toHaveLength(0);
  });
});
