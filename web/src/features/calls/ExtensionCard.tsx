import { Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useExtension, useSaveExtension } from './use-calls';

// The member's extension at the PBX: click-to-call rings it first.
export function ExtensionCard() {
  const { t } = useTranslation();
  const current = useExtension();
  const save = useSaveExtension();
  const [value, setValue] = useState('');
  useEffect(() => setValue(current.data?.extension ?? ''), [current.data?.extension]);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('calls.extension.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('calls.extension.hint')}
      </Text>
      <Group align="flex-end">
        <TextInput
          label={t('calls.extension.label')}
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          maw={200}
          error={save.error ? errorMessage(save.error) : undefined}
        />
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(value.trim() || null, {
              onSuccess: () =>
                notifications.show({ color: 'teal', message: t('calls.extension.saved') }),
            })
          }
        >
          {t('calls.extension.save')}
        </Button>
      </Group>
    </Card>
  );
}
