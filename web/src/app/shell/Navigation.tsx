import type { Entity } from '@voronka/contract';
import { Badge, NavLink, ScrollArea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useInboxLiveUpdates } from '../../features/inbox/server-events';
import { useInboxCounts } from '../../features/inbox/use-inbox';
import { RoutingNotifications } from '../../features/notifications/RoutingNotifications';
import { useMe } from '../session';

type Item = { to: string; label: string; entity: Entity | null; badge?: number };

export function Navigation() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const allowed = (item: Item) => item.entity === null || me.permissions[item.entity]?.read === true;
  // The inbox's unread badge, kept fresh by the event stream wherever the member is in the app.
  const inbox = me.permissions.leads?.read === true;
  const unread = useInboxCounts(inbox).data?.unread ?? 0;
  useInboxLiveUpdates(inbox);

  const main: Item[] = [
    { to: '/inbox', label: t('inbox.nav'), entity: 'leads', badge: unread },
    { to: '/', label: t('nav.home'), entity: null },
    { to: '/leads', label: t('nav.leads'), entity: 'leads' },
    { to: '/companies', label: t('companies.nav'), entity: 'companies' },
    { to: '/contacts', label: t('contacts.nav'), entity: 'contacts' },
    { to: '/duplicates', label: t('duplicates.nav'), entity: 'contacts' },
    { to: '/deals', label: t('records.deals.nav'), entity: 'deals' },
    { to: '/pipeline', label: t('pipelines.nav'), entity: 'deals' },
    { to: '/tasks', label: t('tasks.nav'), entity: 'tasks' },
    { to: '/queue', label: t('queue.nav'), entity: 'routing' },
    { to: '/reports/sla', label: t('slaReport.nav'), entity: 'routing' },
    { to: '/availability', label: t('routingSettings.availability.nav'), entity: null },
    { to: '/audit', label: t('nav.audit'), entity: 'audit' },
  ];
  const settings: Item[] = [
    { to: '/settings/workspace', label: t('nav.workspace'), entity: 'workspace' },
    { to: '/settings/users', label: t('nav.users'), entity: 'users' },
    { to: '/settings/teams', label: t('nav.teams'), entity: 'teams' },
    { to: '/settings/channels', label: t('channels.nav'), entity: 'workspace' },
    { to: '/settings/pipelines', label: t('pipelineSettings.nav'), entity: 'deals' },
    { to: '/settings/forms', label: t('forms.nav'), entity: 'workspace' },
    { to: '/settings/routing', label: t('routingSettings.nav'), entity: 'routing' },
    { to: '/settings/custom-fields', label: t('nav.customFields'), entity: 'workspace' },
    { to: '/settings/roles', label: t('nav.roles'), entity: 'roles' },
    { to: '/settings/tokens', label: t('nav.tokens'), entity: 'tokens' },
    { to: '/settings/security', label: t('nav.security'), entity: null },
  ];
  const link = (item: Item) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      rightSection={item.badge ? <Badge size="sm" circle={item.badge < 10} aria-label={t('inbox.unreadCount', { count: item.badge })}>{item.badge > 99 ? '99+' : item.badge}</Badge> : undefined}
      active={pathname === item.to}
      aria-current={pathname === item.to ? 'page' : undefined}
    />
  );

  return (
    <ScrollArea type="auto">
      {inbox ? <RoutingNotifications /> : null}
      {main.filter(allowed).map(link)}
      <NavLink label={t('nav.settings')} defaultOpened childrenOffset="md" component="button">
        {settings.filter(allowed).map(link)}
      </NavLink>
    </ScrollArea>
  );
}
