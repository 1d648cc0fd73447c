import type { Entity } from '@voronka/contract';
import { NavLink, ScrollArea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../session';

type Item = { to: string; label: string; entity: Entity | null };

export function Navigation() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const allowed = (item: Item) => item.entity === null || me.permissions[item.entity]?.read === true;

  const main: Item[] = [
    { to: '/', label: t('nav.home'), entity: null },
    { to: '/leads', label: t('nav.leads'), entity: 'leads' },
    { to: '/companies', label: t('companies.nav'), entity: 'companies' },
    { to: '/contacts', label: t('contacts.nav'), entity: 'contacts' },
    { to: '/duplicates', label: t('duplicates.nav'), entity: 'contacts' },
    { to: '/deals', label: t('records.deals.nav'), entity: 'deals' },
    { to: '/pipeline', label: t('pipelines.nav'), entity: 'deals' },
    { to: '/tasks', label: t('tasks.nav'), entity: 'tasks' },
    { to: '/audit', label: t('nav.audit'), entity: 'audit' },
  ];
  const settings: Item[] = [
    { to: '/settings/workspace', label: t('nav.workspace'), entity: 'workspace' },
    { to: '/settings/users', label: t('nav.users'), entity: 'users' },
    { to: '/settings/teams', label: t('nav.teams'), entity: 'teams' },
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
      active={pathname === item.to}
      aria-current={pathname === item.to ? 'page' : undefined}
    />
  );

  return (
    <ScrollArea type="auto">
      {main.filter(allowed).map(link)}
      <NavLink label={t('nav.settings')} defaultOpened childrenOffset="md" component="button">
        {settings.filter(allowed).map(link)}
      </NavLink>
    </ScrollArea>
  );
}
