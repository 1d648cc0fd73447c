import type { Pipeline } from '@voronka/contract';
import {
  Anchor,
  Button,
  Divider,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { StageEditor } from './StageEditor';
import { usePipelineMutations } from './use-pipeline-settings';

// One pipeline: its name, whether new deals land in it, deletion, and its stages.
export function PipelineEditor({
  pipeline,
  only,
  canManage,
  onDeleted,
}: {
  pipeline: Pipeline;
  only: boolean;
  canManage: boolean;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { update, remove } = usePipelineMutations();
  const [name, setName] = useState(pipeline.name);
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && name.trim() !== pipeline.name)
      update.mutate({ id: pipeline.id, body: { name: name.trim() } });
  };

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} radius="md">
      <Stack gap="sm">
        <form onSubmit={rename}>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={t('pipelineSettings.pipelineName')}
              value={name}
              maxLength={120}
              disabled={!canManage}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: '1 1 220px' }}
            />
            <Button
              type="submit"
              variant="light"
              disabled={!canManage || !name.trim() || name.trim() === pipeline.name}
              loading={update.isPending && update.variables?.body.name !== undefined}
            >
              {t('pipelineSettings.rename')}
            </Button>
          </Group>
        </form>
        <Group gap="xs" wrap="wrap">
          {pipeline.isDefault ? (
            <Text size="sm" c="teal" fw={500}>
              ✓ {t('pipelineSettings.isDefault')}
            </Text>
          ) : (
            <Button
              size="xs"
              variant="light"
              disabled={!canManage}
              onClick={() => update.mutate({ id: pipeline.id, body: { isDefault: true } })}
            >
              {t('pipelineSettings.makeDefault')}
            </Button>
          )}
          <Anchor component={Link} to={`/pipeline?pipeline=${pipeline.id}`} size="sm">
            {t('pipelineSettings.openBoard')}
          </Anchor>
          <ConfirmButton
            ml="auto"
            label={t('pipelineSettings.deletePipeline')}
            title={t('pipelineSettings.deleteTitle')}
            message={t('pipelineSettings.deleteConfirm', { name: pipeline.name })}
            disabled={!canManage || only}
            onConfirm={() => remove.mutate(pipeline.id, { onSuccess: onDeleted })}
          />
        </Group>
        <Divider />
        <Title order={2} size="h4">
          {t('pipelineSettings.stages')}
        </Title>
        <StageEditor pipeline={pipeline} canManage={canManage} />
      </Stack>
    </Paper>
  );
}
