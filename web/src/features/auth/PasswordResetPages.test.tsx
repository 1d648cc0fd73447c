import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { ForgotPasswordPage, ResetPasswordPage } from './PasswordResetPages';
import { SignInPage } from './SignInPage';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  });
const problem = (status: number, code: string, field?: string) =>
  json(
    status,
    { type: 'x', title: code, status, detail: code, code, ...(field ? { field } : {}) },
    'application/problem+json',
  );

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password/:token', element: <ResetPasswordPage /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <MantineProvider env="test">
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

// The form is sent by Enter in the field, as a keyboard user does (no mouse click anywhere).
const pressEnterIn = (input: HTMLElement) => fireEvent.submit(input.closest('form')!);
const bodiesTo = (fetch: ReturnType<typeof vi.fn>, part: string) =>
  fetch.mock.calls
    .filter(([url]) => String(url).includes(part))
    .map(([, init]) => JSON.parse(String((init as RequestInit).body)));

describe('password reset pages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leads from sign-in to "forgot password", and answers the same for any e-mail (ru)', async () => {
    setLanguage('ru');
    const fetch = vi.fn(async (url: string) =>
      String(url).includes('/auth/session')
        ? problem(401, 'auth.required')
        : json(202, { sent: true }),
    );
    vi.stubGlobal('fetch', fetch);
    const router = renderAt('/sign-in');
    const link = await screen.findByRole('link', { name: 'Забыли пароль?' });
    fireEvent.click(link);
    expect(router.state.location.pathname).toBe('/forgot-password');
    const email = await screen.findByLabelText(/Эл\. почта/);
    pressEnterIn(email);
    expect(await screen.findByText('Введите корректный адрес эл. почты')).toBeTruthy();
    expect(bodiesTo(fetch, '/auth/password-reset')).toHaveLength(0);
    fireEvent.change(email, { target: { value: '  anna@example.ru ' } });
    pressEnterIn(email);
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('Если аккаунт с этой почтой есть'),
    );
    expect(bodiesTo(fetch, '/auth/password-reset')).toEqual([{ email: 'anna@example.ru' }]);
  });

  it('sets a new password from the link and says that every session ended (en)', async () => {
    setLanguage('en');
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    renderAt('/reset-password/tok_abcdefghijklmnopqrstuvwxyz');
    const password = await screen.findByLabelText(/New password/);
    fireEvent.change(password, { target: { value: 'short' } });
    pressEnterIn(password);
    // The rule is shown under the field before typing; a too-short password repeats it as the error.
    await vi.waitFor(() => expect(screen.getAllByText('At least 10 characters')).toHaveLength(2));
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.change(password, { target: { value: 'a-long-new-password' } });
    pressEnterIn(password);
    expect((await screen.findByRole('status')).textContent).toContain(
      'every session has been signed out',
    );
    expect(bodiesTo(fetch, '/auth/password-reset/confirm')).toEqual([
      { token: 'tok_abcdefghijklmnopqrstuvwxyz', password: 'a-long-new-password' },
    ]);
    expect(screen.getByRole('link', { name: 'Back to sign-in' })).toBeTruthy();
  });

  it('explains a dead link once, on top of the form (ru)', async () => {
    setLanguage('ru');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(400, 'auth.reset_link_invalid', 'token')),
    );
    renderAt('/reset-password/tok_abcdefghijklmnopqrstuvwxyz');
    const password = await screen.findByLabelText(/Новый пароль/);
    fireEvent.change(password, { target: { value: 'a-long-new-password' } });
    pressEnterIn(password);
    const alert = await screen.findByText(/Ссылка недействительна/);
    expect(alert.textContent?.match(/Ссылка недействительна/g)).toHaveLength(1);
  });
});
