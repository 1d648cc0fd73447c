import { Button, Center } from '@mantine/core';

export function LoadMore(props: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  label: string;
}) {
  if (!props.hasMore) return null;
  return (
    <Center mt="md">
      <Button variant="default" loading={props.loading} onClick={props.onClick}>
        {props.label}
      </Button>
    </Center>
  );
}
