import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

// The start page's building blocks: a titled section, a figure card, a card's head with its link.
export function Section({
  title,
  testId,
  children,
}: {
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

// A figure with its label; red when something needs doing.
export function Stat({
  label,
  value,
  alert,
  to,
  testId,
}: {
  label: string;
  value: number | string | null;
  alert?: boolean;
  to: string;
  testId: string;
}) {
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={to}
      data-testid={testId}
      style={{ textDecoration: 'none' }}
    >
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        fw={700}
        size="xl"
        c={alert ? 'red' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {value === null ? '…' : value}
      </Text>
    </Card>
  );
}

export function CardHead({ title, link }: { title: string; link: { to: string; label: string } }) {
  return (
    <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
      <Text fw={600}>{title}</Text>
      <Anchor component={Link} to={link.to} size="sm">
        {link.label}
      </Anchor>
    </Group>
  );
}
