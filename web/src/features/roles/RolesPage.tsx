import type { RoleKey } from '@voronka/contract';
import { Alert, Loader, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { PermissionMatrixEditor } from './PermissionMatrixEditor';
import { useRoles } from './use-roles';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const [selected, setSelected] = useState<RoleKey>('admin');
  const role = roles.data?.items.find((r) => r.key === selected) ?? roles.data?.items[0];

  return (
    <Stack>
      <PageHeader title={t('roles.title')} description={t('roles.description')} />
      {roles.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {roles.data ? (
        <Select
          label={t('roles.role')}
          data={roles.data.items.map((r) => ({ value: r.key, label: t(`roles.names.${r.key}`) }))}
          value={role?.key ?? null}
          onChange={(v) => v && setSelected(v as RoleKey)}
          allowDeselect={false}
          w={{ base: '100%', xs: 260 }}
        />
      ) : null}
      {role && !role.editable ? <Alert color="gray">{t('roles.notEditable')}</Alert> : null}
      {role ? <PermissionMatrixEditor key={role.key} role={role} /> : null}
    </Stack>
  );
}
