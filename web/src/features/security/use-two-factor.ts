import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

// Two-factor set-up (a secret and its QR code), then the first code turns it on; a current code
// turns it off. The answers end up in the form on the page.
const inline = { inlineErrors: true } as const;

export const useStartTwoFactor = (on: MutationEvents<unknown> = {}) =>
  useMutation({ mutationFn: () => api.post('/auth/two-factor/setup', {}), meta: inline, ...on });

export const useEnableTwoFactor = (on: MutationEvents<unknown> = {}) =>
  useMutation({
    mutationFn: (code: string) => api.post('/auth/two-factor/enable', { code }),
    meta: inline,
    ...on,
  });

export const useDisableTwoFactor = (on: MutationEvents<unknown> = {}) =>
  useMutation({
    mutationFn: (code: string) => api.post('/auth/two-factor/disable', { code }),
    meta: inline,
    ...on,
  });
