import type { CalcInput, CalcValues, CalculatorDefinitionInput } from '@voronka/contract';
import { Badge, Button, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../lib/api';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { CalculatorPreview } from './CalculatorPreview';
import { PricingSettings } from './PricingSettings';
import { InputEditor } from './InputEditor';
import { LinesEditor } from './LinesEditor';
import { errorsByPath } from './errors';
import {
  useCalculator,
  useFormChoices,
  useProductChoices,
  usePublishCalculator,
  useSaveCalculator,
} from './use-calculators';

const blank = (): CalculatorDefinitionInput => ({
  inputs: [
    { key: 'area', type: 'number', label: { ru: 'Площадь' }, unit: 'м²', min: 1, max: 1000 },
  ],
  lines: [],
  vatMode: 'included',
  minimumOrderKopecks: 0,
  rounding: 'exact',
});

// Settings → Calculators → one calculator: inputs bound to the catalog, formula lines, minimum
// order, VAT mode, and beside them the live preview. Saving writes the draft; publishing makes it
// what the widget and deals use (that version never changes again).
export function CalculatorBuilderPage() {
  const { t } = useTranslation();
  const { id: routeId } = useParams();
  const id = routeId === 'new' ? undefined : routeId;
  const navigate = useNavigate();
  const loaded = useCalculator(id);
  const products = useProductChoices().data ?? [];
  const formChoices = useFormChoices().data ?? [];
  const canChange = useCanWrite('catalog', 'update');
  const [name, setName] = useState(t('calculators.newName'));
  const [formId, setFormId] = useState<string | null>(null);
  const [def, setDef] = useState<CalculatorDefinitionInput>(blank);
  const [values, setValues] = useState<CalcValues>({});
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setName(loaded.data.name);
    setFormId(loaded.data.formId);
    setDef(loaded.data.definition);
  }, [loaded.data]);
  const save = useSaveCalculator(id, {
    onSuccess: (c) => {
      setError(null);
      if (!id) navigate(`/settings/calculators/${c.id}`, { replace: true });
    },
    onError: setError,
  });
  const publish = usePublishCalculator();
  const errors = errorsByPath(error);
  const errorOf = (f: string) => errors[f];
  const inputs = def.inputs as CalcInput[];
  const setInputs = (next: CalcInput[]) => setDef({ ...def, inputs: next });
  const calc = loaded.data;
  return (
    <Stack>
      <PageHeader
        title={name || t('calculators.title')}
        actions={
          <Group gap="xs">
            {calc?.publishedVersion ? (
              <Badge color="green">
                {t('calculators.published', { version: calc.publishedVersion })}
              </Badge>
            ) : null}
            {calc?.draftVersion ? (
              <Badge color="gray">{t('calculators.draft', { version: calc.draftVersion })}</Badge>
            ) : null}
            <Button
              onClick={() => save.mutate({ name, formId, definition: def })}
              loading={save.isPending}
              disabled={!canChange}
            >
              {t('calculators.saveDraft')}
            </Button>
            <Button
              variant="light"
              disabled={!canChange || !calc?.draftVersion}
              loading={publish.isPending}
              onClick={() => calc && publish.mutate(calc.id)}
            >
              {t('calculators.publish')}
            </Button>
          </Group>
        }
      />
      {error && !Object.keys(errors).length ? (
        <FormAlert message={error.detail || error.message} />
      ) : null}
      {error && Object.keys(errors).length ? (
        <Text c="red" role="alert">
          {Object.entries(errors)
            .map(([f, m]) => `${f}: ${m}`)
            .join('; ')}
        </Text>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Group grow align="flex-start">
              <TextInput
                label={t('calculators.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errorOf('name')}
              />
              <Select
                label={t('calculators.form')}
                description={t('calculators.formHint')}
                data={formChoices}
                value={formId}
                clearable
                onChange={setFormId}
                error={errorOf('formId')}
              />
            </Group>
            <PricingSettings def={def} setDef={setDef} />
            {inputs.map((input, i) => (
              <InputEditor
                key={i}
                input={input}
                index={i}
                products={products}
                errorOf={errorOf}
                onChange={(next) => setInputs(inputs.map((x, k) => (k === i ? next : x)))}
                onRemove={() => setInputs(inputs.filter((_, k) => k !== i))}
              />
            ))}
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  setInputs([
                    ...inputs,
                    {
                      key: `input${inputs.length + 1}`,
                      type: 'number',
                      label: { ru: t('calculators.newInput') },
                      min: 0,
                    },
                  ])
                }
              >
                {t('calculators.addInput')}
              </Button>
            </Group>
            <LinesEditor
              lines={def.lines ?? []}
              products={products}
              errorOf={errorOf}
              onChange={(lines) => setDef({ ...def, lines })}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CalculatorPreview definition={def} values={values} onValues={setValues} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
