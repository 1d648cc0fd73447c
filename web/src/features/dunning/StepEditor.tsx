import type { DunningChannel } from '@voronka/contract';
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import type { StepDraft } from './ladder-draft';
import { usePreviewStep } from './use-dunning';

const CHANNELS: DunningChannel[] = ['email', 'messenger', 'task'];

export function StepEditor({
  index,
  step,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  step: StepDraft;
  errors: Record<string, string>;
  onChange: (patch: Partial<StepDraft>) => void;
  onRemove?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const preview = usePreviewStep();
  const at = (name: string) => errors[`steps.${index}.${name}`];
  const n = index + 1;
  return (
    <Paper withBorder p="md" component="fieldset" aria-label={t('dunning.step', { n })}>
      <Stack gap="sm">
        <Text fw={600} component="legend">
          {t('dunning.step', { n })}
        </Text>
        <Group align="start" wrap="wrap">
          <NumberInput
            label={t('dunning.offset')}
            description={t('dunning.offsetHint')}
            value={step.offsetDays}
            onChange={(v) => onChange({ offsetDays: typeof v === 'number' ? v : Number(v) || 0 })}
            allowDecimal={false}
            min={-60}
            max={365}
            error={at('offsetDays')}
            w={220}
          />
          <Checkbox.Group
            label={t('dunning.channels')}
            value={step.channels}
            onChange={(v) => onChange({ channels: v as DunningChannel[] })}
            error={at('channels')}
          >
            <Group mt={8} wrap="wrap">
              {CHANNELS.map((c) => (
                <Checkbox key={c} value={c} label={t(`dunning.channel.${c}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Group>
        <TextInput
          label={t('dunning.subject')}
          value={step.subject}
          onChange={(e) => onChange({ subject: e.currentTarget.value })}
          error={at('subject')}
          required
        />
        <Textarea
          label={t('dunning.text')}
          value={step.text}
          onChange={(e) => onChange({ text: e.currentTarget.value })}
          error={at('text')}
          autosize
          minRows={3}
          required
        />
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => preview.mutate({ subject: step.subject, text: step.text })}
            loading={preview.isPending}
          >
            {t('dunning.preview')}
          </Button>
          {onRemove ? (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              {t('dunning.removeStep', { n })}
            </Button>
          ) : null}
        </Group>
        <FormAlert message={preview.error ? errorMessage(preview.error) : null} />
        {preview.data ? (
          <Paper bg="gray.0" p="sm" aria-label={t('dunning.previewTitle')} role="region">
            <Text size="xs" c="dimmed">
              {t('dunning.previewTitle')}
            </Text>
            <Text fw={600}>{preview.data.subject}</Text>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {preview.data.text}
            </Text>
          </Paper>
        ) : null}
      </Stack>
    </Paper>
  );
}
