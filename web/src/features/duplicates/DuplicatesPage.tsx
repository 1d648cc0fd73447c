import type { DuplicatePair } from '@voronka/contract';
import { Anchor, Badge, Button, SegmentedControl, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { MergeDialog } from './MergeDialog';
import { useDuplicates } from './use-duplicates';

type Entity = 'contacts' | 'companies';

// Candidate duplicates (same phone, e-mail or INN; similar names) and a field-by-field merge.
export function DuplicatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const entities = (['contacts', 'companies'] as const).filter((e) => me.permissions[e]?.read);
  const [entity, setEntity] = useState<Entity>(entities[0] ?? 'contacts');
  const pairs = useDuplicates(entity);
  const canMerge = useCanWrite(entity, 'update') && useCanWrite(entity, 'delete');
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const link = (r: { id: string; name: string }) => (
    <Anchor component={Link} to={`/${entity}/${r.id}`}>
      {r.name}
    </Anchor>
  );
  return (
    <Stack>
      <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      <SegmentedControl
        value={entity}
        onChange={(v) => setEntity(v as Entity)}
        data={entities.map((e) => ({ value: e, label: t(`${e}.title`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <DataTable
        aria-label={t('duplicates.title')}
        minWidth={600}
        loading={pairs.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('duplicates.empty')}
        columns={[t('duplicates.first'), t('duplicates.second'), t('duplicates.reason')]}
        actionsLabel={t('common.actions')}
        rows={pairs.data?.items ?? []}
        renderRow={(p: DuplicatePair) => (
          <Table.Tr key={`${p.a.id}:${p.b.id}`}>
            <Table.Td>{link(p.a)}</Table.Td>
            <Table.Td>{link(p.b)}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={p.matchedOn === 'name' ? 'gray' : 'orange'}>
                {t(`duplicates.matchedOn.${p.matchedOn}`)}
                {p.similarity !== null ? ` ${Math.round(p.similarity * 100)}%` : ''}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Button size="xs" variant="light" onClick={() => setMerging(p)} disabled={!canMerge}>
                {t('duplicates.merge')}
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {merging ? (
        <MergeDialog entity={entity} pair={merging} onClose={() => setMerging(null)} />
      ) : null}
    </Stack>
  );
}
