import type { SessionInfo } from '@voronka/contract';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { applySession, useSession } from '../../app/session';
import { useFormState } from '../../app/use-form-state';
import { FormAlert } from '../../ui/FormAlert';
import { PasswordField } from '../../ui/PasswordField';
import { AuthLayout } from './AuthLayout';

// Only same-site paths, so a crafted ?next= cannot send the user elsewhere.
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [step, setStep] = useState<'password' | 'code' | null>(null);
  const current = step ?? (session.data?.twoFactorRequired ? 'code' : 'password');

  if (session.data?.me && !session.data.twoFactorRequired && !session.data.twoFactorSetupRequired) {
    return <Navigate to={next} replace />;
  }
  if (session.data?.twoFactorSetupRequired) return <Navigate to="/two-factor-setup" replace />;

  return (
    <AuthLayout title={t(current === 'code' ? 'auth.codeTitle' : 'auth.signInTitle')}>
      {current === 'code' ? (
        <CodeStep next={next} onBack={() => setStep('password')} />
      ) : (
        <PasswordStep next={next} onCodeNeeded={() => setStep('code')} />
      )}
    </AuthLayout>
  );
}

function useAfterSignIn(next: string, onCodeNeeded?: () => void) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async (res: SessionInfo) => {
    await applySession(qc, res);
    if (res.twoFactorRequired && onCodeNeeded) onCodeNeeded();
    else if (res.twoFactorSetupRequired) void navigate('/two-factor-setup');
    else void navigate(next, { replace: true });
  };
}

function PasswordStep({ next, onCodeNeeded }: { next: string; onCodeNeeded: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ email: '', password: '' });
  const after = useAfterSignIn(next, onCodeNeeded);
  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<SessionInfo>('/auth/sign-in', body),
    meta: { inlineErrors: true },
    onSuccess: after,
    onError: form.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const email = form.values.email.trim();
    if (!email || !form.values.password) {
      form.setErrors({
        ...(email ? {} : { email: t('validation.required') }),
        ...(form.values.password ? {} : { password: t('validation.required') }),
      });
      return;
    }
    signIn.mutate({ email, password: form.values.password });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={form.formError} />
        <TextInput label={t('auth.email')} type="email" autoComplete="email" required {...form.field('email')} />
        <PasswordField
            toggleLabel={t('auth.showCharacters')}
          label={t('auth.password')}
          autoComplete="current-password"
          required
          {...form.field('password')}
        />
        <Button type="submit" loading={signIn.isPending} fullWidth>
          {t('auth.signIn')}
        </Button>
        <Text size="sm" ta="center">
          {t('auth.noAccount')}{' '}
          <Anchor component={Link} to="/sign-up">
            {t('auth.signUpLink')}
          </Anchor>
        </Text>
      </Stack>
    </form>
  );
}

function CodeStep({ next, onBack }: { next: string; onBack: () => void }) {
  const { t } = useTranslation();
  const form = useFormState({ code: '' });
  const after = useAfterSignIn(next);
  const verify = useMutation({
    mutationFn: (code: string) => api.post<SessionInfo>('/auth/two-factor', { code }),
    meta: { inlineErrors: true },
    onSuccess: after,
    onError: form.fail,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.clear();
    const code = form.values.code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      form.setErrors({ code: t('validation.sixDigits') });
      return;
    }
    verify.mutate(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('auth.codeHint')}</Text>
        <FormAlert message={form.formError} />
        <TextInput
          label={t('auth.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          data-autofocus
          {...form.field('code')}
        />
        <Button type="submit" loading={verify.isPending} fullWidth>
          {t('auth.verify')}
        </Button>
        <Button variant="subtle" onClick={onBack}>
          {t('common.back')}
        </Button>
      </Stack>
    </form>
  );
}
