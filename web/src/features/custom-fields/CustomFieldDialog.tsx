import { CustomFieldType, type CustomEntity, type CustomField } from '@voronka/contract';
import { Checkbox, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, lastSegment } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { DialogActions } from '../../ui/DialogActions';
import { FormAlert } from '../../ui/FormAlert';
import { keyFromLabel, useSaveCustomField } from './use-custom-fields';

// field === null defines a new field for the entity; otherwise edits label, options and required.
// The key and type stay fixed once made: stored values and saved filters depend on them.
export function CustomFieldDialog({
  entity,
  field,
  onClose,
}: {
  entity: CustomEntity;
  field: CustomField | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCustomField(field);
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const [required, setRequired] = useState(field?.required ?? false);
  const isChoice = type === 'select' || type === 'multiselect';
  const fieldError =
    isApiError(save.error) && save.error.field ? lastSegment(save.error.field) : null;
  const errorFor = (name: string) => (fieldError === name ? errorMessage(save.error) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      label: label.trim(),
      required,
      ...(isChoice ? { options } : {}),
    };
    save.mutate(field ? common : { ...common, entity, key: key || keyFromLabel(label), type }, {
      onSuccess: onClose,
    });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(field ? 'customFields.editTitle' : 'customFields.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={save.error && !fieldError ? errorMessage(save.error) : null} />
          <TextInput
            label={t('customFields.label')}
            required
            data-autofocus
            value={label}
            error={errorFor('label')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setLabel(v);
              if (!field && !keyTouched) setKey(keyFromLabel(v));
            }}
          />
          <TextInput
            label={t('customFields.key')}
            description={t('customFields.keyHint')}
            value={key}
            disabled={Boolean(field)}
            error={errorFor('key')}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.currentTarget.value);
            }}
          />
          <Select
            label={t('customFields.type')}
            disabled={Boolean(field)}
            value={type}
            onChange={(v) => setType((v as CustomFieldType) ?? 'text')}
            allowDeselect={false}
            data={CustomFieldType.options.map((o) => ({
              value: o,
              label: t(`customFields.types.${o}`),
            }))}
          />
          {isChoice ? (
            <TagsInput
              label={t('customFields.options')}
              description={t('customFields.optionsHint')}
              value={options}
              onChange={setOptions}
              error={errorFor('options')}
            />
          ) : null}
          <Checkbox
            label={t('customFields.required')}
            checked={required}
            onChange={(e) => setRequired(e.currentTarget.checked)}
          />
          <DialogActions
            cancelLabel={t('common.cancel')}
            onCancel={onClose}
            submitLabel={t('common.save')}
            loading={save.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
