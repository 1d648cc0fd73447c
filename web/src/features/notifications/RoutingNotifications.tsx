import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCanRead } from '../../lib/session';
import { formatWhen } from '../inbox/inbox-format';
import { onServerEvent } from '../inbox/server-events';
import { inboxKey } from '../inbox/use-inbox';
import { useActiveUsers } from '../teams';
import { isRoutingEvent, routingNotice } from './routing-notices';

// Routing's events on the app's one event stream (shared with the inbox): a notification with a
// link to the conversation, and the inbox lists refetched so the request shows where it now is.
// Mounted once in the app shell, so it works on every page. The Notifications host sits outside
// the router, so the link navigates through the navigate() captured here.
export function RoutingNotifications() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const users = useActiveUsers(useCanRead('users'));
  const latest = useRef({ t, navigate, users: users.data });
  latest.current = { t, navigate, users: users.data };

  useEffect(
    () =>
      onServerEvent((type, data) => {
        if (!isRoutingEvent(type)) return;
        void qc.invalidateQueries({ queryKey: inboxKey });
        const { t, navigate, users } = latest.current;
        const memberName = (id: string | null) =>
          id ? (users?.find((u) => u.id === id)?.name ?? null) : null;
        const notice = routingNotice(t, type, data, memberName, (iso) => formatWhen(iso));
        const id = `${type}:${String(data.leadId ?? data.conversationId ?? Date.now())}`;
        // A request that came without a conversation (a form, the API) is found among the leads.
        const href = notice.conversationId
          ? `/inbox?c=${encodeURIComponent(notice.conversationId)}`
          : '/leads';
        const open = (e: MouseEvent) => {
          e.preventDefault();
          notifications.hide(id);
          void navigate(href);
        };
        notifications.show({
          id,
          color: notice.color,
          autoClose: notice.autoClose,
          title: notice.title,
          message: (
            <Stack gap={2}>
              <Text size="sm">{notice.message}</Text>
              <Anchor href={href} onClick={open} size="sm">
                {notice.conversationId
                  ? t('notifications.routing.open')
                  : t('notifications.routing.openLeads')}
              </Anchor>
            </Stack>
          ),
        });
      }),
    [qc],
  );
  return null;
}
