import type { BookingQuestion } from '@voronka/contract';
import { ActionIcon, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Questions a visitor answers besides name, phone and e-mail (always asked). Keys are made here
// (q1, q2, …) and kept when a question is edited, so earlier answers stay matched.
export function QuestionsEditor(props: {
  questions: BookingQuestion[];
  errors: Record<string, string>;
  onChange: (q: BookingQuestion[]) => void;
}) {
  const { t } = useTranslation();
  const { questions, onChange } = props;
  const nextKey = () => {
    const used = new Set(questions.map((q) => q.key));
    let i = questions.length + 1;
    while (used.has(`q${i}`)) i++;
    return `q${i}`;
  };
  const set = (i: number, patch: Partial<BookingQuestion>) =>
    onChange(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('meetingTypes.questions')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('meetingTypes.questionsHint')}
      </Text>
      {questions.map((q, i) => (
        <Group key={q.key} align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('meetingTypes.questionLabel', { n: i + 1 })}
            value={q.label}
            onChange={(e) => set(i, { label: e.currentTarget.value })}
          />
          <Checkbox
            mb={8}
            label={t('meetingTypes.required')}
            checked={q.required}
            onChange={(e) => set(i, { required: e.currentTarget.checked })}
          />
          <ActionIcon
            mb={4}
            variant="subtle"
            color="red"
            aria-label={t('meetingTypes.removeQuestion', { n: i + 1 })}
            onClick={() => onChange(questions.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      {props.errors.questions ? (
        <Text size="xs" c="red">
          {props.errors.questions}
        </Text>
      ) : null}
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={questions.length >= 20}
          onClick={() => onChange([...questions, { key: nextKey(), label: '', required: false }])}
        >
          {t('meetingTypes.addQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}
