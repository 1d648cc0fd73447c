import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { checkCode } from '../../lib/form-errors';
import { applySession, useMe } from '../../lib/session';
import { useFormState } from '../../lib/use-form-state';
import { CodeField } from '../../ui/CodeField';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { ExtensionCard } from '../calls';
import { TwoFactorSetupFlow } from './TwoFactorSetupFlow';
import { useDisableTwoFactor } from './use-two-factor';

export function SecurityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const enabled = me.user.twoFactorEnabled;
  return (
    <Stack maw={640}>
      <PageHeader title={t('security.title')} description={`${me.user.name} · ${me.user.email}`} />
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('security.twoFactor')}
          </Title>
          <Badge color={enabled ? 'teal' : 'gray'}>
            {t(enabled ? 'security.on' : 'security.off')}
          </Badge>
        </Group>
        {enabled ? (
          <DisableTwoFactor />
        ) : (
          <TwoFactorSetupFlow
            onEnabled={async (res) => {
              notifications.show({ color: 'teal', message: t('security.enabledNotice') });
              await applySession(qc, res);
            }}
          />
        )}
      </Card>
      <ExtensionCard />
    </Stack>
  );
}

function DisableTwoFactor() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const form = useFormState({ code: '' });
  const disable = useDisableTwoFactor({
    onSuccess: async (res) => {
      notifications.show({ message: t('security.disabledNotice') });
      form.setValues({ code: '' });
      await applySession(qc, res);
    },
    onError: form.fail,
  });
  return (
    <form onSubmit={form.onSubmit(checkCode, (code) => disable.mutate(code))} noValidate>
      <Stack>
        <Text size="sm">{t('security.disableHint')}</Text>
        {me.workspace.requireTwoFactor ? (
          <Text size="sm" c="orange">
            {t('security.requiredByWorkspace')}
          </Text>
        ) : null}
        <FormAlert message={form.formError} />
        <CodeField label={t('auth.code')} {...form.field('code')} />
        <Button
          type="submit"
          color="red"
          variant="light"
          loading={disable.isPending}
          w="fit-content"
        >
          {t('security.disable')}
        </Button>
      </Stack>
    </form>
  );
}
