import type { Pipeline } from '@voronka/contract';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Loader,
  Modal,
  NavLink,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useCanWrite } from '../../lib/use-can-write';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { usePipelines } from '../pipelines/use-pipelines';
import { LostReasonsSection } from './LostReasonsSection';
import { PipelineEditor } from './PipelineEditor';
import { usePipelineMutations } from './use-pipeline-settings';

// Settings → Pipelines: the workspace's pipelines, the stages of each, and why deals are lost.
// Everyone who reads deals sees it; changing it takes the workspace «update» right, as the API does.
export function PipelineSettingsPage() {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const canManage = useCanWrite('workspace', 'update');
  const list = pipelines.data ?? [];
  const selected =
    list.find((p) => p.id === params.get('pipeline')) ?? list.find((p) => p.isDefault) ?? list[0];

  return (
    <Stack>
      <PageHeader
        title={t('pipelineSettings.title')}
        description={t('pipelineSettings.description')}
        actions={
          <Button onClick={() => setCreating(true)} disabled={!canManage}>
            {t('pipelineSettings.create')}
          </Button>
        }
      />
      {!canManage ? <Alert color="gray">{t('pipelineSettings.readOnly')}</Alert> : null}
      {pipelines.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 3 }}>
            <Paper
              withBorder
              p="xs"
              radius="md"
              component="nav"
              aria-label={t('pipelineSettings.pipelines')}
            >
              <Text fw={600} size="sm" px="xs" pb={4}>
                {t('pipelineSettings.pipelines')}
              </Text>
              {list.map((p) => (
                <NavLink
                  key={p.id}
                  label={p.name}
                  description={t('pipelineSettings.stageCount', { count: p.stages.length })}
                  active={p.id === selected?.id}
                  aria-current={p.id === selected?.id ? 'true' : undefined}
                  rightSection={
                    p.isDefault ? (
                      <Badge size="xs" variant="light" color="teal">
                        {t('pipelineSettings.defaultBadge')}
                      </Badge>
                    ) : null
                  }
                  onClick={() => setParams({ pipeline: p.id })}
                />
              ))}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 9 }}>
            {selected ? (
              <PipelineEditor
                key={selected.id}
                pipeline={selected}
                only={list.length <= 1}
                canManage={canManage}
                onDeleted={() => setParams({})}
              />
            ) : null}
          </Grid.Col>
        </Grid>
      )}
      <LostReasonsSection canManage={canManage} />
      {creating ? (
        <CreatePipelineDialog
          onClose={() => setCreating(false)}
          onCreated={(p) => setParams({ pipeline: p.id })}
        />
      ) : null}
    </Stack>
  );
}

function CreatePipelineDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (p: Pipeline) => void;
}) {
  const { t } = useTranslation();
  const { create } = usePipelineMutations();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), {
      onSuccess: (p) => {
        onCreated(p);
        onClose();
      },
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('pipelineSettings.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={create.error ? errorMessage(create.error) : null} />
          <TextInput
            label={t('pipelineSettings.pipelineName')}
            description={t('pipelineSettings.createHint')}
            required
            data-autofocus
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
