import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { ThemeToggle } from '../../ui/ThemeToggle';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Group justify="space-between" mb="xl">
        <Text fw={700} c="indigo" size="lg">
          {t('app.name')}
        </Text>
        <Group gap={6}>
          <LanguageSwitch />
          <ThemeToggle />
        </Group>
      </Group>
      <Center>
        <Paper
          withBorder
          shadow="sm"
          p={{ base: 'md', sm: 'xl' }}
          w="100%"
          maw={440}
          component="main"
        >
          <Stack>
            <Title order={1} size="h2">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
