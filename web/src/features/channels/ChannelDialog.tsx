import { ChannelKind, channelFields, type Channel } from '@voronka/contract';
import {
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { fieldLook, selectValue } from './channel-fields';
import { channelBody, useCreateChannel, useMailDomains, useUpdateChannel } from './use-channels';
import { ChannelAddresses } from './ChannelAddresses';

const asText = (v: unknown) =>
  Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v);

// Add a channel or change one: its kind's settings, and its secrets as write-only fields (a set
// secret shows "saved"; typing replaces it, leaving it blank keeps it).
export function ChannelDialog({
  channel,
  onClose,
}: {
  channel: Channel | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const create = useCreateChannel();
  const update = useUpdateChannel(channel?.id ?? '');
  const mutation = channel ? update : create;
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'telegram');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [settings, setSettings] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      channelFields[channel?.kind ?? 'telegram'].settings.map((k) => [
        k,
        asText(channel?.settings[k]),
      ]),
    ),
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const fields = channelFields[kind];
  const field = isApiError(mutation.error) ? mutation.error.field : undefined;
  const hint = (key: string) => (i18n.exists(key) ? t(key) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const shown = (k: string) => {
      const look = fieldLook(kind, k);
      return look.input === 'select' ? selectValue(look, settings[k]) : (settings[k] ?? '');
    };
    const body = channelBody(
      Object.fromEntries(fields.settings.map((k) => [k, shown(k)])),
      Object.fromEntries(fields.secrets.map((k) => [k, secrets[k] ?? ''])),
    );
    // Settings other kinds' adapters keep (e.g. a form's id) survive an edit of the visible ones.
    const kept = channel
      ? Object.fromEntries(
          Object.entries(channel.settings).filter(([k]) => !fields.settings.includes(k)),
        )
      : {};
    const payload = {
      name: name.trim(),
      enabled,
      settings: { ...(kept as Record<string, string>), ...body.settings },
      ...(Object.keys(body.secrets).length ? { secrets: body.secrets } : {}),
    };
    if (channel) update.mutate(payload, { onSuccess: onClose });
    else create.mutate({ kind, ...payload }, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={channel ? t('channels.editTitle') : t('channels.createTitle')}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          <FormAlert message={mutation.error && !field ? errorMessage(mutation.error) : null} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('channels.kind')}
              value={kind}
              disabled={Boolean(channel)}
              allowDeselect={false}
              onChange={(v) => {
                const k = (v ?? 'telegram') as ChannelKind;
                setKind(k);
                setSettings(Object.fromEntries(channelFields[k].settings.map((s) => [s, ''])));
                setSecrets({});
              }}
              data={ChannelKind.options.map((k) => ({ value: k, label: t(`inbox.kinds.${k}`) }))}
            />
            <TextInput
              label={t('channels.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={field === 'name' ? errorMessage(mutation.error) : undefined}
            />
          </SimpleGrid>
          <Switch
            label={t('channels.enabled')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {channel ? <ChannelAddresses channel={channel} /> : null}
          {fields.settings.length ? (
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              {fields.settings.map((k) => (
                <SettingField
                  key={k}
                  kind={kind}
                  name={k}
                  value={settings[k] ?? ''}
                  onChange={(v) => setSettings((s) => ({ ...s, [k]: v }))}
                  error={field === `settings.${k}` ? errorMessage(mutation.error) : undefined}
                />
              ))}
            </SimpleGrid>
          ) : null}
          {fields.secrets.length ? (
            <>
              <Text size="sm" c="dimmed">
                {t('channels.secretsHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                {fields.secrets.map((k) => (
                  <PasswordInput
                    key={k}
                    label={t(`channels.secrets.${k}`, { defaultValue: k })}
                    description={hint(`channels.secretHints.${kind}.${k}`)}
                    autoComplete="new-password"
                    placeholder={channel?.hasSecrets[k] ? t('channels.secretSaved') : undefined}
                    value={secrets[k] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setSecrets((s) => ({ ...s, [k]: v }));
                    }}
                  />
                ))}
              </SimpleGrid>
            </>
          ) : null}
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={channel ? t('common.save') : t('channels.add')}
            loading={mutation.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}

// One setting of a channel's kind: a choice or a text, with its hint (for a mailbox's intake
// address, the domains this server receives mail for).
function SettingField({
  kind,
  name: k,
  value,
  onChange,
  error,
}: {
  kind: ChannelKind;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const mailDomains = useMailDomains().data ?? [];
  const hint = (key: string) => (i18n.exists(key) ? t(key) : undefined);
  const look = fieldLook(kind, k);
  const label = t(`channels.settings.${k}`, { defaultValue: k });
  const intake = kind === 'email' && k === 'intakeAddress' && mailDomains.length > 0;
  const description = intake
    ? t('channels.intakeDomains', { domains: mailDomains.map((d) => `@${d}`).join(', ') })
    : (hint(`channels.hints.${kind}.${k}`) ??
      (k === 'allowedDomains'
        ? t('channels.listHint')
        : k === 'extensions'
          ? t('calls.extensionsHint')
          : undefined));
  return look.input === 'select' ? (
    <Select
      label={label}
      description={description}
      value={selectValue(look, value)}
      allowDeselect={false}
      onChange={(v) => onChange(v ?? look.fallback)}
      data={look.options.map((o) => ({ value: o, label: t(`${look.labels}.${o}`) }))}
    />
  ) : (
    <TextInput
      label={label}
      description={description}
      placeholder={intake ? `sales@${mailDomains[0]}` : look.placeholder}
      inputMode={look.numeric ? 'numeric' : undefined}
      readOnly={look.readOnly}
      variant={look.readOnly ? 'filled' : undefined}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
