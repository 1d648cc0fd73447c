import type {
  InvitationAcceptBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  SessionInfo,
  SignInBody,
  SignUpBody,
} from '@voronka/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

// The sign-in, sign-up, invitation and password-reset calls. Their errors belong to the form on the
// page (inline), never a toast.
const inline = { inlineErrors: true } as const;

export const useSignIn = (on: MutationEvents<SessionInfo>) =>
  useMutation({
    mutationFn: (body: SignInBody) => api.post('/auth/sign-in', body),
    meta: inline,
    ...on,
  });

export const useTwoFactorSignIn = (on: MutationEvents<SessionInfo>) =>
  useMutation({
    mutationFn: (code: string) => api.post('/auth/two-factor', { code }),
    meta: inline,
    ...on,
  });

export const useSignUp = (on: MutationEvents<SessionInfo>) =>
  useMutation({
    mutationFn: (body: SignUpBody) => api.post('/auth/sign-up', body),
    meta: inline,
    ...on,
  });

export const useRequestPasswordReset = (on: MutationEvents<unknown>) =>
  useMutation({
    mutationFn: (body: PasswordResetRequestBody) => api.post('/auth/password-reset', body),
    meta: inline,
    ...on,
  });

export const useConfirmPasswordReset = (on: MutationEvents<unknown>) =>
  useMutation({
    mutationFn: (body: PasswordResetConfirmBody) => api.post('/auth/password-reset/confirm', body),
    meta: inline,
    ...on,
  });

// An invitation link's token is its own credential: what it invites to, then accepting it.
export const useInvitationPreview = (token: string) =>
  useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get('/invitations/by-token/:token', { params: { token } }),
  });

export const useAcceptInvitation = (token: string, on: MutationEvents<SessionInfo>) =>
  useMutation({
    mutationFn: (body: InvitationAcceptBody) =>
      api.post('/invitations/by-token/:token/accept', body, { params: { token } }),
    meta: inline,
    ...on,
  });
