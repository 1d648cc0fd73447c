import type { CustomEntity } from '@voronka/contract';
import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanWrite } from '../../lib/use-can-write';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { CustomFieldValues, type CustomValues } from '../custom-fields';
import { useCustomFields } from '../custom-fields';
import { TaskDialog } from '../tasks';
import { TaskList } from '../tasks';
import { useTasks } from '../tasks';
import { Timeline } from '../timeline';

type Subject = { companyId: string } | { contactId: string } | { dealId: string };

// The card of a company, a contact or a deal: a way back to the list, the name with its
// actions, the record's own sections on the left, its tasks, and its history on the right.
export function RecordCardLayout(props: {
  back: { to: string; label: string };
  title: string;
  meta?: ReactNode;
  actions: ReactNode;
  aside: ReactNode;
  subject: Subject;
  canLog: boolean;
  historyTitle?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Anchor component={Link} to={props.back.to} size="sm">
        ← {props.back.label}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {props.title}
          </Title>
          {props.meta}
        </div>
        <Group gap="xs">{props.actions}</Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {props.aside}
            <RecordTasks subject={props.subject} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CardSection title={props.historyTitle ?? t('companies.history')}>
            <Timeline subject={props.subject} canLog={props.canLog} />
          </CardSection>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

// Edit and delete, each only for a role that may; deleting asks first.
export function RecordActions(props: {
  entity: 'companies' | 'contacts';
  onEdit: () => void;
  deleteTitle: string;
  deleteMessage: string;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const canUpdate = useCanWrite(props.entity, 'update');
  const canDelete = useCanWrite(props.entity, 'delete');
  return (
    <>
      <Button variant="default" size="xs" onClick={props.onEdit} disabled={!canUpdate}>
        {t('common.edit')}
      </Button>
      <ConfirmButton
        label={t('common.delete')}
        title={props.deleteTitle}
        message={props.deleteMessage}
        confirmLabel={t('common.delete')}
        cancelLabel={t('common.cancel')}
        disabled={!canDelete}
        onConfirm={props.onDelete}
      />
    </>
  );
}

export function CardSection({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

// A label on the left, its value on the right (long values wrap).
export function DetailLine({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div
        style={{
          textAlign: 'right',
          overflowWrap: 'anywhere',
          fontVariantNumeric: 'tabular-nums',
          fontSize: 'var(--mantine-font-size-sm)',
        }}
      >
        {children}
      </div>
    </Group>
  );
}

// The values of the workspace's custom fields for this record; nothing when none are defined.
export function CustomFieldsSection({
  entity,
  values,
}: {
  entity: CustomEntity;
  values: CustomValues;
}) {
  const { t } = useTranslation();
  const fields = useCustomFields(entity);
  if (!fields.data?.length) return null;
  return (
    <CardSection title={t('records.customFields')}>
      <CustomFieldValues entity={entity} values={values} />
    </CardSection>
  );
}

// The record's open tasks, ticked off in place, and a button for a new one about it.
export function RecordTasks({ subject, title }: { subject: Subject; title?: string }) {
  const { t } = useTranslation();
  const tasks = useTasks({ ...subject, status: 'open' });
  const [creating, setCreating] = useState(false);
  const canCreate = useCanWrite('tasks', 'create');
  return (
    <CardSection
      title={title ?? t('records.tasks')}
      action={
        <Button size="xs" variant="light" onClick={() => setCreating(true)} disabled={!canCreate}>
          {t('tasks.create')}
        </Button>
      }
    >
      <TaskList tasks={tasks.data?.items ?? []} emptyText={t('tasks.empty')} />
      {creating ? <TaskDialog links={subject} onClose={() => setCreating(false)} /> : null}
    </CardSection>
  );
}
