import type { CalendarEntry } from '@voronka/contract';
import {
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';
import { useActiveUsers } from '../teams';
import { EntryDialog } from './EntryDialog';
import { formatLongDay } from '../../lib/format';
import { EventDialog } from './EventDialog';
import { FeedButton } from './FeedButton';
import { MemberCalendar, type Selection } from './MemberCalendar';

type Mode = 'mine' | 'colleague' | 'team';
const nextHour = (): Selection => {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  return { start, end: new Date(start.getTime() + 3_600_000), allDay: false };
};

// The calendar: mine, a colleague's, or the team side by side (one day column per member: the
// FullCalendar resource views are premium, so the team view is a day grid per member).
export function CalendarPage() {
  const { t } = useTranslation();
  const me = useMe();
  const users = useActiveUsers();
  const [mode, setMode] = useState<Mode>('mine');
  const [colleague, setColleague] = useState<string | null>(null);
  const [day, setDay] = useState(() => new Date());
  const [creating, setCreating] = useState<{ sel: Selection; ownerId: string } | null>(null);
  const [open, setOpen] = useState<CalendarEntry | null>(null);
  const owner = mode === 'colleague' && colleague ? colleague : me.member.id;
  const shift = (days: number) => setDay((d) => new Date(d.getTime() + days * 86_400_000));
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('calendar.title')}</Title>
        <Group gap="xs" wrap="wrap">
          <Button onClick={() => setCreating({ sel: nextHour(), ownerId: owner })}>
            {t('calendar.newEvent')}
          </Button>
          <FeedButton />
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          value={mode}
          onChange={(m) => setMode(m as Mode)}
          data={[
            { value: 'mine', label: t('calendar.mine') },
            { value: 'colleague', label: t('calendar.colleague') },
            { value: 'team', label: t('calendar.team') },
          ]}
        />
        {mode === 'colleague' ? (
          <Select
            aria-label={t('calendar.pickColleague')}
            placeholder={t('calendar.pickColleague')}
            data={(users.data ?? [])
              .filter((u) => u.id !== me.member.id)
              .map((u) => ({ value: u.id, label: u.name }))}
            value={colleague}
            onChange={setColleague}
            searchable
          />
        ) : null}
        {mode === 'team' ? (
          <Group gap={4}>
            <Button variant="default" size="xs" onClick={() => shift(-1)} aria-label="←">
              ←
            </Button>
            <Button variant="default" size="xs" onClick={() => setDay(new Date())}>
              {t('calendar.today')}
            </Button>
            <Button variant="default" size="xs" onClick={() => shift(1)} aria-label="→">
              →
            </Button>
            <Text size="sm">{formatLongDay(day)}</Text>
          </Group>
        ) : null}
      </Group>
      {mode === 'team' ? (
        <ScrollArea type="auto">
          <Group align="flex-start" wrap="nowrap" gap="xs">
            {(users.data ?? []).map((u) => (
              <Paper key={`${u.id}:${day.toDateString()}`} withBorder p={4} miw={220} w={260}>
                <Text fw={600} size="sm" ta="center">
                  {u.name}
                </Text>
                <MemberCalendar
                  compact
                  date={day}
                  memberIds={[u.id]}
                  onSelect={(sel) => setCreating({ sel, ownerId: u.id })}
                  onOpen={setOpen}
                />
              </Paper>
            ))}
          </Group>
        </ScrollArea>
      ) : (
        <MemberCalendar
          key={owner}
          memberIds={[owner]}
          onSelect={(sel) => setCreating({ sel, ownerId: owner })}
          onOpen={setOpen}
        />
      )}
      {creating ? (
        <EventDialog
          range={creating.sel}
          ownerId={creating.ownerId}
          onClose={() => setCreating(null)}
        />
      ) : null}
      {open ? <EntryDialog entry={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}
