import type { AuditEntry } from '@voronka/contract';
import { ActionIcon, Anchor, Code, SimpleGrid, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { i18n } from '../../lib/i18n';
import { diffSnapshots, showValue, type Words } from './audit-diff';

// An action in words ("Создана сделка"); an action the log has no words for yet reads by its verb
// and section, and as a last resort by its code.
export function actionText(t: TFunction, e: Pick<AuditEntry, 'action' | 'entity'>): string {
  const key = `audit.actions.${e.action}`;
  if (i18n.exists(key) && typeof i18n.getResource(i18n.language, 'translation', key) === 'string')
    return t(key);
  const verb = e.action.split('.').pop() ?? e.action;
  const entity = t(`entities.${e.entity}`, { defaultValue: e.entity });
  return t(`audit.verbs.${['created', 'updated', 'deleted'].includes(verb) ? verb : 'other'}`, {
    entity,
    code: e.action,
  });
}

// The log's sections: the permission matrix's entities, and the other things it records.
export const sectionText = (t: TFunction, entity: string) =>
  t(`audit.sections.${entity}`, {
    defaultValue: t(`entities.${entity}`, { defaultValue: entity }),
  });

// Where a record of the log lives in the app (null when it has no page of its own).
export function recordPath(entity: string, id: string | null): string | null {
  if (!id) return null;
  switch (entity) {
    case 'contacts':
    case 'companies':
    case 'deals':
      return `/${entity}/${id}`;
    case 'leads':
      return `/leads?lead=${id}`;
    case 'conversations':
      return `/inbox?c=${id}`;
    case 'tasks':
      return '/tasks';
    case 'forms':
      return `/settings/forms/${id}`;
    case 'users':
      return '/settings/users';
    case 'teams':
      return '/settings/teams';
    case 'channels':
      return '/settings/channels';
    case 'pipelines':
    case 'lost_reasons':
      return '/settings/pipelines';
    case 'routing':
      return '/settings/routing';
    default:
      return null;
  }
}

function useWords(): Words {
  const { t } = useTranslation();
  return {
    yes: t('audit.yes'),
    no: t('audit.no'),
    empty: t('audit.emptyValue'),
    field: (key) => t(`audit.fields.${key}`, { defaultValue: key }),
  };
}

// names: people (and other records) by id, so a changed owner reads as a name, not an id.
export function AuditTable({ items, names }: { items: AuditEntry[]; names?: Map<string, string> }) {
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
                      aria-label={t(expanded ? 'audit.hideDetails' : 'audit.showDetails', {
                        action: actionText(t, e),
                      })}
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
                  <Table.Td data-testid="audit-action">{actionText(t, e)}</Table.Td>
                  <Table.Td data-testid="audit-record">
                    <RecordCell entry={e} />
                  </Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                </Table.Tr>
                {expanded ? (
                  <Table.Tr id={`audit-${e.id}`}>
                    <Table.Td colSpan={6}>
                      <AuditDetails entry={e} names={names} />
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

// The record: its title as a link to its page where it has one, and its section.
function RecordCell({ entry: e }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const section = sectionText(t, e.entity);
  const path = recordPath(e.entity, e.entityId);
  const title = e.entityTitle ?? (e.entityId ? t('audit.record') : null);
  return (
    <>
      {title ? (
        path ? (
          <Anchor component={Link} to={path} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Anchor>
        ) : (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
        )
      ) : null}
      <Text size="xs" c="dimmed">
        {section}
      </Text>
    </>
  );
}

function AuditDetails({ entry, names }: { entry: AuditEntry; names?: Map<string, string> }) {
  const { t } = useTranslation();
  const words = { ...useWords(), name: (id: string) => names?.get(id) };
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
                <Table.Td>{r.key ? words.field(r.key) : '—'}</Table.Td>
                <Table.Td c="red" style={{ overflowWrap: 'anywhere' }}>
                  {showValue(r.before, words, r.key)}
                </Table.Td>
                <Table.Td c="teal" style={{ overflowWrap: 'anywhere' }}>
                  {showValue(r.after, words, r.key)}
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
      <details>
        <Text component="summary" size="sm" c="dimmed" style={{ cursor: 'pointer' }}>
          {t('audit.raw')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
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
      </details>
    </div>
  );
}
