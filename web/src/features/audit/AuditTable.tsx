import type { AuditEntry } from '@voronka/contract';
import { ActionIcon, Code, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { diffSnapshots, showValue } from './audit-diff';

export function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  if (items.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label={t('audit.title')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
            </Table.Th>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const expanded = open === e.id;
            return (
              <Fragment key={e.id}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      aria-expanded={expanded}
                      aria-controls={`audit-${e.id}`}
                      aria-label={t(expanded ? 'audit.hideDetails' : 'audit.showDetails', { action: e.action })}
                      onClick={() => setOpen(expanded ? null : e.id)}
                    >
                      <span aria-hidden>{expanded ? '▾' : '▸'}</span>
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.actorName ?? '—'}
                    <Text size="xs" c="dimmed">
                      {t(`audit.actorKinds.${e.actorKind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <code>{e.action}</code>
                  </Table.Td>
                  <Table.Td>
                    {t(`entities.${e.entity}`, { defaultValue: e.entity })}
                    {e.entityId ? (
                      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {e.entityId}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                </Table.Tr>
                {expanded ? (
                  <Table.Tr id={`audit-${e.id}`}>
                    <Table.Td colSpan={6}>
                      <AuditDetails entry={e} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(entry.before, entry.after);
  return (
    <div>
      {rows.length > 0 ? (
        <Table withTableBorder mb="sm" aria-label={t('audit.changes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <code>{r.key || '—'}</code>
                </Table.Td>
                <Table.Td c="red" style={{ wordBreak: 'break-all' }}>
                  {showValue(r.before)}
                </Table.Td>
                <Table.Td c="teal" style={{ wordBreak: 'break-all' }}>
                  {showValue(r.after)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed" mb="sm">
          {t('audit.noChanges')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <div>
          <Text size="sm" fw={600}>
            {t('audit.before')}
          </Text>
          <Code block>{JSON.stringify(entry.before, null, 2) ?? 'null'}</Code>
        </div>
        <div>
          <Text size="sm" fw={600}>
            {t('audit.after')}
          </Text>
          <Code block>{JSON.stringify(entry.after, null, 2) ?? 'null'}</Code>
        </div>
      </SimpleGrid>
    </div>
  );
}
