import { AppShell, Burger, Center, Group, Loader, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { CallPopup } from '../features/telephony/CallPopup';
import { ReadOnlyBanner, TrialBanner } from '../features/workspace/TrialBanner';
import { useMe } from '../lib/session';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Navigation } from './Navigation';
import { ThemeToggle } from '../ui/ThemeToggle';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // On a phone the navbar covers the page, so close it after navigating.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'shell.closeMenu' : 'shell.openMenu')}
            />
            <Text fw={700} c="indigo" visibleFrom="xs">
              {t('app.name')}
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <Group gap={6} wrap="nowrap">
            <GlobalSearch />
            <LanguageSwitch signedIn />
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main>
        {me.workspace.isReadOnly ? <ReadOnlyBanner /> : <TrialBanner workspace={me.workspace} />}
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <CallPopup />
    </AppShell>
  );
}
