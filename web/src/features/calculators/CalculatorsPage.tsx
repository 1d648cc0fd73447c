import { Anchor, Badge, Button, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { useCalculators, useDeleteCalculator } from './use-calculators';

// Settings → Calculators: service cost calculators built from the catalog, their state (draft,
// published version) and the link and script to put them on a website.
export function CalculatorsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useCalculators();
  const remove = useDeleteCalculator();
  const canChange = useCanWrite('catalog', 'update');
  return (
    <Stack>
      <PageHeader
        title={t('calculators.title')}
        actions={
          <Button onClick={() => navigate('/settings/calculators/new')} disabled={!canChange}>
            {t('calculators.create')}
          </Button>
        }
      />
      <Text c="dimmed" size="sm">
        {t('calculators.intro')}
      </Text>
      <DataTable
        aria-label={t('calculators.title')}
        highlightOnHover
        minWidth={640}
        loading={list.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('calculators.empty')}
        columns={[t('calculators.name'), t('calculators.state')]}
        actionsLabel={t('common.actions')}
        rows={list.data ?? []}
        renderRow={(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Anchor component={Link} to={`/settings/calculators/${c.id}`} fw={500}>
                {c.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Group gap="xs">
                {c.publishedVersion ? (
                  <Badge color="green">
                    {t('calculators.published', { version: c.publishedVersion })}
                  </Badge>
                ) : null}
                {c.draftVersion ? (
                  <Badge color="gray">{t('calculators.draft', { version: c.draftVersion })}</Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap" justify="flex-end">
                {c.publishedVersion ? (
                  <Button
                    size="xs"
                    variant="light"
                    component="a"
                    href={c.hostedUrl}
                    target="_blank"
                  >
                    {t('calculators.open')}
                  </Button>
                ) : null}
                <CopyButton value={c.embedCode}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="subtle" onClick={copy}>
                      {copied ? t('calculators.copied') : t('calculators.copyEmbed')}
                    </Button>
                  )}
                </CopyButton>
                {canChange ? (
                  <ConfirmButton
                    size="xs"
                    variant="subtle"
                    color="red"
                    ariaLabel={t('calculators.deleteName', { name: c.name })}
                    title={t('calculators.deleteTitle')}
                    message={t('calculators.deleteConfirm', { name: c.name })}
                    onConfirm={() => remove.mutate(c.id)}
                  />
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
