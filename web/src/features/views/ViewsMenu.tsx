import type { CustomEntity, SavedView, ViewQuery } from '@voronka/contract';
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { compactQuery, useDeleteView, useSaveView, useViews } from './use-views';

type Props = {
  entity: CustomEntity;
  // The list's current filters, sort and columns, as the view would store them.
  current: ViewQuery;
  onApply: (query: ViewQuery) => void;
  // Which saved view the list shows now (its name is then on the button and ticked in the menu).
  isCurrent?: (view: SavedView) => boolean;
};

// "Views": a member's saved filters, sort and columns for one list, to pick, save or delete.
export function ViewsMenu({ entity, current, onApply, isCurrent }: Props) {
  const { t } = useTranslation();
  const views = useViews(entity);
  const remove = useDeleteView(entity);
  const [saving, setSaving] = useState(false);
  const shown = (views.data ?? []).find((v) => isCurrent?.(v));

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={260}>
        <Menu.Target>
          <Button
            variant="default"
            aria-label={shown ? `${t('views.menu')}: ${shown.name}` : undefined}
            maw={220}
          >
            <Text span inherit truncate>
              {shown ? shown.name : t('views.menu')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('views.saved')}</Menu.Label>
          {(views.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed" px="sm" py={4}>
              {t('views.none')}
            </Text>
          ) : null}
          {(views.data ?? []).map((v) => (
            <Group key={v.id} gap={0} wrap="nowrap">
              <Menu.Item
                onClick={() => onApply(v.query)}
                style={{ flex: 1 }}
                fw={v === shown ? 600 : undefined}
                aria-current={v === shown ? 'true' : undefined}
                leftSection={
                  <Text span w={12} inherit aria-hidden>
                    {v === shown ? '✓' : ''}
                  </Text>
                }
              >
                {v.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('views.deleteName', { name: v.name })}
                onClick={() => remove.mutate(v.id)}
                mr={4}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setSaving(true)}>{t('views.saveCurrent')}</Menu.Item>
          <Menu.Item onClick={() => onApply({})}>{t('views.reset')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {saving ? (
        <SaveViewDialog
          entity={entity}
          query={compactQuery(current)}
          onClose={() => setSaving(false)}
        />
      ) : null}
    </>
  );
}

function SaveViewDialog({
  entity,
  query,
  onClose,
}: {
  entity: CustomEntity;
  query: ViewQuery;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveView(entity);
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    save.mutate({ entity, name: name.trim(), query }, { onSuccess: onClose });
  };
  const nameError =
    isApiError(save.error) && save.error.field === 'name' ? errorMessage(save.error) : undefined;
  return (
    <Modal opened onClose={onClose} title={t('views.saveTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={save.error && !nameError ? errorMessage(save.error) : null} />
          <TextInput
            label={t('views.name')}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            maxLength={80}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
