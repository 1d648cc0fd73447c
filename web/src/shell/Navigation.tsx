import { Badge, NavLink, ScrollArea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useInboxLiveUpdates } from '../features/inbox/server-events';
import { useInboxCounts } from '../features/inbox/use-inbox';
import { RoutingNotifications } from '../features/notifications/RoutingNotifications';
import { CalendarReminders } from '../features/calendar/CalendarReminders';
import { useMe } from '../lib/session';
import { mainNav, settingsNav, type NavKey } from '../lib/nav-rules';

type Item = { to: string; label: string; badge?: number };

export function Navigation() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  // The inbox's unread badge, kept fresh by the event stream wherever the member is in the app.
  const inbox = me.permissions.leads?.read === true;
  const unread = useInboxCounts(inbox).data?.unread ?? 0;
  useInboxLiveUpdates(inbox);

  const labels: Record<NavKey, string> = {
    inbox: t('inbox.nav'),
    home: t('nav.home'),
    leads: t('nav.leads'),
    companies: t('companies.nav'),
    contacts: t('contacts.nav'),
    duplicates: t('duplicates.nav'),
    deals: t('records.deals.nav'),
    pipeline: t('pipelines.nav'),
    tasks: t('tasks.nav'),
    calendar: t('nav.calendar'),
    callLists: t('calls.lists.nav'),
    calls: t('calls.journal.nav'),
    catalog: t('catalog.nav'),
    priceLists: t('catalog.priceListsNav'),
    documents: t('documents.nav'),
    payments: t('money.nav'),
    receivables: t('receivables.nav'),
    dunning: t('dunning.nav'),
    legalEntities: t('legalEntities.nav'),
    queue: t('queue.nav'),
    slaReport: t('slaReport.nav'),
    discounts: t('discounts.nav'),
    analytics: t('analytics.nav'),
    availability: t('routingSettings.availability.nav'),
    audit: t('nav.audit'),
    workspace: t('nav.workspace'),
    users: t('nav.users'),
    teams: t('nav.teams'),
    channels: t('channels.nav'),
    pipelines: t('pipelineSettings.nav'),
    forms: t('forms.nav'),
    meetingTypes: t('meetingTypes.nav'),
    calculators: t('calculators.nav'),
    routing: t('routingSettings.nav'),
    automations: t('automations.nav'),
    webhooks: t('webhooks.nav'),
    messageTemplates: t('messageTemplates.nav'),
    privacy: t('privacy.nav'),
    customFields: t('nav.customFields'),
    roles: t('nav.roles'),
    tokens: t('nav.tokens'),
    security: t('nav.security'),
  };
  // Only what this member can use (nav-rules.ts, from the permission matrix in the session).
  const items = (list: typeof mainNav): Item[] =>
    list
      .filter((i) => i.can(me))
      .map((i) => ({
        to: i.to,
        label: labels[i.key],
        ...(i.key === 'inbox' ? { badge: unread } : {}),
      }));
  const main = items(mainNav);
  const settings = items(settingsNav);
  const link = (item: Item) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      rightSection={
        item.badge ? (
          <Badge
            size="sm"
            circle={item.badge < 10}
            aria-label={t('inbox.unreadCount', { count: item.badge })}
          >
            {item.badge > 99 ? '99+' : item.badge}
          </Badge>
        ) : undefined
      }
      active={pathname === item.to}
      aria-current={pathname === item.to ? 'page' : undefined}
    />
  );

  return (
    <ScrollArea type="auto">
      {inbox ? <RoutingNotifications /> : null}
      <CalendarReminders />
      {main.map(link)}
      {settings.length ? (
        <NavLink label={t('nav.settings')} defaultOpened childrenOffset="md" component="button">
          {settings.map(link)}
        </NavLink>
      ) : null}
    </ScrollArea>
  );
}
