import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { useMe } from '../../app/session';

const comingModules = ['companies', 'contacts', 'leads', 'deals', 'tasks'] as const;

// A small, honest start page: the CRM modules are not built yet.
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const ws = me.workspace;
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {t('home.welcome', { name: me.user.name })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text c="dimmed" size="sm">
            {t('home.workspace')}
          </Text>
          <Text fw={600} size="lg">
            {ws.name}
          </Text>
          <Group gap="xs" mt="xs">
            <Badge variant="light">{t(`roles.names.${me.member.role}`)}</Badge>
            <Badge variant="light" color={ws.isReadOnly ? 'red' : ws.plan === 'trial' ? 'blue' : 'teal'}>
              {t(ws.isReadOnly ? 'home.plan.expired' : `home.plan.${ws.plan}`)}
            </Badge>
          </Group>
          {ws.plan === 'trial' && ws.trialEndsAt ? (
            <Text size="sm" mt="xs">
              {t(ws.isReadOnly ? 'home.trialEnded' : 'home.trialEnds', { date: formatDate(ws.trialEndsAt) })}
            </Text>
          ) : null}
        </Card>
        <Card withBorder>
          <Text c="dimmed" size="sm">
            {t('home.comingTitle')}
          </Text>
          <List size="sm" mt="xs">
            {comingModules.map((m) => (
              <List.Item key={m}>{t(`entities.${m}`)}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" mt="xs">
            {t('home.comingText')}
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
