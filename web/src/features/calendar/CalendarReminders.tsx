import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { onServerEvent } from '../inbox/server-events';

const ASKED = 'voronka.notify-asked';

// Asked once per device, and only after a first reminder arrived (never on page load).
function askPolitely(t: (k: string) => string) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  try {
    if (localStorage.getItem(ASKED)) return;
    localStorage.setItem(ASKED, '1');
  } catch {
    return;
  }
  const id = 'calendar-notify-ask';
  notifications.show({
    id,
    autoClose: false,
    message: (
      <Stack gap={6}>
        <Text size="sm">{t('calendar.notify.ask')}</Text>
        <Group gap="xs">
          <Button
            size="xs"
            onClick={() => {
              notifications.hide(id);
              void Notification.requestPermission();
            }}
          >
            {t('calendar.notify.allow')}
          </Button>
          <Button size="xs" variant="default" onClick={() => notifications.hide(id)}>
            {t('calendar.notify.later')}
          </Button>
        </Group>
      </Stack>
    ),
  });
}

// Reminders of the member's events and tasks (calendar.reminder on the event stream): a notice in
// the app, and a desktop notification when the tab is in the background and permission was given.
export function CalendarReminders() {
  const { t } = useTranslation();
  const latest = useRef(t);
  latest.current = t;
  useEffect(
    () =>
      onServerEvent((type, data) => {
        if (type !== 'calendar.reminder') return;
        const t = latest.current;
        const title = t(data.item === 'task' ? 'calendar.notify.task' : 'calendar.notify.event');
        const body = `${String(data.title)} — ${formatDateTime(String(data.startsAt))}`;
        notifications.show({
          id: `reminder:${String(data.id)}`,
          title,
          message: body,
          autoClose: 15000,
        });
        if (
          document.hidden &&
          typeof Notification !== 'undefined' &&
          Notification.permission === 'granted'
        )
          new Notification(title, { body, tag: `voronka:${String(data.id)}` });
        else askPolitely(t);
      }),
    [],
  );
  return null;
}
