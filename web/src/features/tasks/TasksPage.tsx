import { Button, Card, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { PageHeader } from '../../ui/PageHeader';
import { TaskDialog } from './TaskDialog';
import { TaskList } from './TaskList';
import { dayBounds, useTasks } from './use-tasks';

// "My tasks": what is overdue, what is due today, and what comes next.
export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const ownerId = me.member.id;
  const { todayStart, todayEnd, tomorrowStart } = dayBounds();
  const overdue = useTasks({ ownerId, status: 'overdue' });
  const today = useTasks({ ownerId, status: 'open', dueFrom: todayStart, dueTo: todayEnd });
  const upcoming = useTasks({ ownerId, status: 'open', dueFrom: tomorrowStart });
  const [creating, setCreating] = useState(false);
  const canCreate = useCanWrite('tasks', 'create');
  // Overdue tasks of today also match "today": show them once, under overdue.
  const overdueIds = new Set((overdue.data?.items ?? []).map((x) => x.id));
  const sections = [
    { key: 'overdue', title: t('tasks.overdue'), items: overdue.data?.items ?? [] },
    {
      key: 'today',
      title: t('tasks.today'),
      items: (today.data?.items ?? []).filter((x) => !overdueIds.has(x.id)),
    },
    { key: 'upcoming', title: t('tasks.upcoming'), items: upcoming.data?.items ?? [] },
  ];
  return (
    <Stack>
      <PageHeader
        title={t('tasks.title')}
        actions={
          <Button onClick={() => setCreating(true)} disabled={!canCreate}>
            {t('tasks.create')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {sections.map((s) => (
          <Card key={s.key} withBorder component="section" aria-label={s.title}>
            <Title
              order={2}
              size="h4"
              mb="sm"
              c={s.key === 'overdue' && s.items.length ? 'red' : undefined}
            >
              {s.title} ({s.items.length})
            </Title>
            <TaskList tasks={s.items} emptyText={t('tasks.empty')} />
          </Card>
        ))}
      </SimpleGrid>
      {creating ? <TaskDialog onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
