import {
  actions,
  entities,
  type Action,
  type Entity,
  type PermissionMatrix,
  type Role,
  type Visibility,
} from '@voronka/contract';
import { Button, Checkbox, Group, NativeSelect, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../lib/use-can-write';
import { useUpdateRole } from './use-roles';

const defaultRights = {
  read: false,
  create: false,
  update: false,
  delete: false,
  export: false,
  visibility: 'own',
} as const;

// Fills entities a server may not list yet, so every row is a complete set of rights.
export function completeMatrix(m: Partial<PermissionMatrix>): PermissionMatrix {
  return Object.fromEntries(
    entities.map((e) => [e, { ...defaultRights, ...m[e] }]),
  ) as PermissionMatrix;
}

export function PermissionMatrixEditor({ role }: { role: Role }) {
  const { t } = useTranslation();
  const canUpdate = useCanWrite('roles', 'update');
  const [matrix, setMatrix] = useState(() => completeMatrix(role.permissions));
  const editable = role.editable && role.key !== 'owner' && canUpdate;
  const dirty = JSON.stringify(matrix) !== JSON.stringify(completeMatrix(role.permissions));
  const save = useUpdateRole(role, {
    onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
  });
  const setAction = (entity: Entity, action: Action, value: boolean) =>
    setMatrix((m) => ({ ...m, [entity]: { ...m[entity], [action]: value } }));
  const setVisibility = (entity: Entity, value: Visibility) =>
    setMatrix((m) => ({ ...m, [entity]: { ...m[entity], visibility: value } }));

  return (
    <div>
      <Table.ScrollContainer minWidth={720}>
        <Table
          striped
          withTableBorder
          aria-label={t('roles.matrixOf', { role: t(`roles.names.${role.key}`) })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('roles.entity')}</Table.Th>
              {actions.map((a) => (
                <Table.Th key={a} ta="center">
                  {t(`roles.actions.${a}`)}
                </Table.Th>
              ))}
              <Table.Th>{t('roles.visibility')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entities.map((entity) => (
              <Table.Tr key={entity}>
                <Table.Th scope="row" fw={500}>
                  {t(`entities.${entity}`)}
                </Table.Th>
                {actions.map((a) => (
                  <Table.Td key={a}>
                    <Group justify="center">
                      <Checkbox
                        aria-label={`${t(`entities.${entity}`)}: ${t(`roles.actions.${a}`)}`}
                        checked={matrix[entity][a]}
                        disabled={!editable}
                        onChange={(e) => setAction(entity, a, e.currentTarget.checked)}
                      />
                    </Group>
                  </Table.Td>
                ))}
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`${t(`entities.${entity}`)}: ${t('roles.visibility')}`}
                    value={matrix[entity].visibility}
                    disabled={!editable}
                    onChange={(e) => setVisibility(entity, e.currentTarget.value as Visibility)}
                    data={(['own', 'team', 'all'] as const).map((v) => ({
                      value: v,
                      label: t(`roles.visibilities.${v}`),
                    }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editable ? (
        <Group mt="md">
          <Button onClick={() => save.mutate(matrix)} loading={save.isPending} disabled={!dirty}>
            {t('common.save')}
          </Button>
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() => setMatrix(completeMatrix(role.permissions))}
          >
            {t('common.reset')}
          </Button>
        </Group>
      ) : null}
    </div>
  );
}
