import { Button, Code, CopyButton, Group } from '@mantine/core';

// A secret or link shown once, with a copy button that says when it worked.
export function CopyField(props: {
  value: string;
  testId: string;
  copyLabel: string;
  copiedLabel: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code
        block
        data-testid={props.testId}
        style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {props.value}
      </Code>
      <CopyButton value={props.value}>
        {({ copied, copy }) => (
          <Button
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : undefined}
            onClick={copy}
          >
            {copied ? props.copiedLabel : props.copyLabel}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
