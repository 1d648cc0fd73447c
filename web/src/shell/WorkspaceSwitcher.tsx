import { Button, Menu, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { applySession, useMe } from '../lib/session';

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const switchTo = useMutation({
    mutationFn: (slug: string) => api.post('/auth/switch-workspace', { slug }),
    onSuccess: async (res) => {
      // Everything cached belongs to the old workspace.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      await applySession(qc, res);
      void navigate('/');
    },
  });

  if (me.workspaces.length <= 1) {
    return (
      <Text fw={600} truncate="end" maw={{ base: 140, sm: 320 }}>
        {me.workspace.name}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px={6}
          aria-label={t('shell.switchWorkspace', { name: me.workspace.name })}
          rightSection={<span aria-hidden>▾</span>}
          loading={switchTo.isPending}
          maw={{ base: 150, sm: 320 }}
        >
          <Text fw={600} truncate="end">
            {me.workspace.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.workspaces')}</Menu.Label>
        {me.workspaces.map((w) => (
          <Menu.Item
            key={w.slug}
            disabled={w.slug === me.workspace.slug}
            onClick={() => switchTo.mutate(w.slug)}
            aria-current={w.slug === me.workspace.slug ? 'true' : undefined}
          >
            {w.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
