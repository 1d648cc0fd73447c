import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../ui/ConfirmButton';

type Item = { id: string; name: string; enabled: boolean; position: number };

type Props<T extends Item> = {
  items: T[];
  canEdit: boolean;
  // i18n texts of the list: hint, add, empty, list (aria), deleteTitle, deleteMessage.
  texts: {
    hint: string;
    add: string;
    empty: string;
    list: string;
    deleteTitle: string;
    deleteMessage: (name: string) => string;
  };
  testId: (item: T) => string;
  busy: boolean;
  onAdd(): void;
  onEdit(item: T): void;
  onDelete(item: T): void;
  // Taking a neighbour's position swaps the two (the server shifts the ones between).
  onMove(item: T, position: number): void;
  summary(item: T): ReactNode;
  // Extra buttons every reader gets (e.g. "Try" for a rule).
  extra?: (item: T) => ReactNode;
  // Said beside the title (e.g. "no conditions: any request").
  titleBadge?: (item: T) => ReactNode;
};

// An ordered list of routing rules or SLA policies: the first enabled one that applies decides.
// Numbered, reordered with ↑/↓ (keyboard reachable), edited and deleted by those who may.
export function OrderedList<T extends Item>({
  items,
  canEdit,
  texts,
  testId,
  busy,
  onAdd,
  onEdit,
  onDelete,
  onMove,
  summary,
  extra,
  titleBadge,
}: Props<T>) {
  const { t } = useTranslation();
  const move = (index: number, by: -1 | 1) => {
    const item = items[index];
    const neighbour = items[index + by];
    if (item && neighbour) onMove(item, neighbour.position);
  };
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {texts.hint}
        </Text>
        {canEdit ? <Button onClick={onAdd}>{texts.add}</Button> : null}
      </Group>
      {items.length === 0 ? <Alert color="gray">{texts.empty}</Alert> : null}
      <Stack
        gap="xs"
        component="ol"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={texts.list}
      >
        {items.map((item, i) => (
          <Paper
            key={item.id}
            component="li"
            withBorder
            p="sm"
            radius="md"
            data-testid={testId(item)}
          >
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
                <Group gap="xs">
                  <Badge variant="light" color="gray" aria-hidden>
                    {i + 1}
                  </Badge>
                  <Text fw={600}>{item.name}</Text>
                  {titleBadge?.(item)}
                  {!item.enabled ? (
                    <Badge color="gray">{t('routingSettings.rules.disabled')}</Badge>
                  ) : null}
                </Group>
                {summary(item)}
              </Stack>
              <Group gap={4} wrap="wrap">
                {canEdit ? (
                  <>
                    <ActionIcon
                      variant="default"
                      aria-label={t('routingSettings.rules.moveUp', { name: item.name })}
                      disabled={i === 0 || busy}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      aria-label={t('routingSettings.rules.moveDown', { name: item.name })}
                      disabled={i === items.length - 1 || busy}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                  </>
                ) : null}
                {extra?.(item)}
                {canEdit ? (
                  <>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => onEdit(item)}
                      aria-label={t('routingSettings.rules.editNamed', { name: item.name })}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmButton
                      ariaLabel={t('routingSettings.rules.deleteNamed', { name: item.name })}
                      title={texts.deleteTitle}
                      message={texts.deleteMessage(item.name)}
                      onConfirm={() => onDelete(item)}
                    />
                  </>
                ) : null}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
