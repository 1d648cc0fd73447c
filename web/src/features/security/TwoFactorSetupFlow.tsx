import { Button, Code, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checkCode } from '../../lib/form-errors';
import { useFormState } from '../../lib/use-form-state';
import { useEnableTwoFactor, useStartTwoFactor } from './use-two-factor';
import { CodeField } from '../../ui/CodeField';
import { FormAlert } from '../../ui/FormAlert';

export function TwoFactorSetupFlow({
  onEnabled,
}: {
  onEnabled: (response: unknown) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useFormState({ code: '' });
  const start = useStartTwoFactor({ onError: form.fail });
  const enable = useEnableTwoFactor({ onSuccess: onEnabled, onError: form.fail });

  if (!start.data) {
    return (
      <Stack align="flex-start">
        <FormAlert message={form.formError} />
        <Text size="sm">{t('security.setupIntro')}</Text>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('security.startSetup')}
        </Button>
      </Stack>
    );
  }
  return (
    <form onSubmit={form.onSubmit(checkCode, (code) => enable.mutate(code))} noValidate>
      <Stack>
        <Text size="sm">{t('security.scanQr')}</Text>
        <Image
          src={start.data.qrDataUrl}
          alt={t('security.qrAlt')}
          w={200}
          h={200}
          bg="white"
          p={4}
        />
        <Text size="sm">{t('security.orEnterSecret')}</Text>
        <Code block style={{ wordBreak: 'break-all' }} aria-label={t('security.secret')}>
          {start.data.secret}
        </Code>
        <FormAlert message={form.formError} />
        <CodeField label={t('auth.code')} {...form.field('code')} />
        <Button type="submit" loading={enable.isPending} w="fit-content">
          {t('security.enable')}
        </Button>
      </Stack>
    </form>
  );
}
