import type { Task } from '@voronka/contract';
import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useCompleteTask } from './use-tasks';

// Tasks with a checkbox each: one click marks a task done.
export function TaskList({ tasks, emptyText }: { tasks: Task[]; emptyText: string }) {
  const { t } = useTranslation();
  const complete = useCompleteTask();
  if (!tasks.length) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {tasks.map((task) => {
        const overdue =
          !task.doneAt && task.dueAt !== null && new Date(task.dueAt).getTime() < Date.now();
        return (
          <Group key={task.id} gap="sm" wrap="nowrap" align="flex-start">
            <Checkbox
              aria-label={t('tasks.completeName', { name: task.title })}
              checked={Boolean(task.doneAt)}
              disabled={Boolean(task.doneAt) || complete.isPending}
              onChange={() => complete.mutate(task.id)}
              mt={2}
            />
            <div style={{ minWidth: 0 }}>
              <Text size="sm" td={task.doneAt ? 'line-through' : undefined}>
                {task.title}
              </Text>
              <Group gap={6}>
                <Badge size="xs" variant="light">
                  {t(`tasks.kind.${task.kind}`)}
                </Badge>
                {overdue ? (
                  <Badge size="xs" color="red" variant="filled">
                    {t('tasks.overdueBadge')}
                  </Badge>
                ) : null}
                <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                  {task.dueAt ? formatDateTime(task.dueAt) : t('tasks.noDue')}
                </Text>
              </Group>
            </div>
          </Group>
        );
      })}
    </Stack>
  );
}
