import type { ChannelKind } from '@voronka/contract';
import { ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// One small mark per channel kind: a colour and a glyph, named for screen readers.
const look: Record<ChannelKind, { color: string; path: string }> = {
  web: {
    color: 'indigo',
    path: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.9A8 8 0 0 1 18.9 8ZM12 4a13.6 13.6 0 0 1 1.9 4h-3.8A13.6 13.6 0 0 1 12 4ZM4.3 14a7.9 7.9 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.7 15.7 0 0 0 1.4 3.9A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.4-3.9A15.7 15.7 0 0 0 8.1 8ZM12 20a13.6 13.6 0 0 1-1.9-4h3.8A13.6 13.6 0 0 1 12 20Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.2 5.9a15.7 15.7 0 0 0 1.4-3.9h3a8 8 0 0 1-4.4 3.9Zm1.8-5.9a16.5 16.5 0 0 0 0-4h3.4a7.9 7.9 0 0 1 0 4h-3.4Z',
  },
  email: {
    color: 'orange',
    path: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2.4V17h16V7.4l-8 5.3-8-5.3ZM5.2 7 12 11.5 18.8 7H5.2Z',
  },
  telegram: {
    color: 'cyan',
    path: 'M21.4 3.6 2.9 10.7c-1.3.5-1.2 1.2-.2 1.5l4.7 1.5 1.8 5.6c.2.6.4.8.9.8.4 0 .6-.2.8-.4l2.3-2.2 4.7 3.5c.9.5 1.5.2 1.7-.8l3.1-14.6c.3-1.3-.5-1.9-1.3-1.6ZM9.6 14.1l8.6-5.4-6.9 6.3-.3 3.1-1.4-4Z',
  },
  vk: {
    color: 'blue',
    path: 'M3 7h3.2c.2 3.4 1.6 5.2 3 5.6V7h3v3.2c1.2-.1 2.6-1.6 3-3.2h3c-.4 2-1.9 3.5-3 4.1 1.1.5 2.8 1.8 3.5 4.4h-3.3c-.5-1.6-1.8-2.8-3.2-3v3H12c-5 0-8.6-3.4-9-8.5Z',
  },
  whatsapp: {
    color: 'green',
    path: 'M12 2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2Zm0 18a8 8 0 0 1-4.2-1.2l-.3-.2-3 .8.8-2.9-.2-.3A8 8 0 1 1 12 20Zm4.4-6c-.2-.1-1.4-.7-1.7-.8-.2-.1-.4-.1-.5.1l-.8 1c-.1.2-.3.2-.5.1a6.6 6.6 0 0 1-3.3-2.9c-.2-.4.2-.4.7-1.3.1-.2 0-.3 0-.4l-.8-1.8c-.2-.5-.4-.4-.5-.4h-.5a.9.9 0 0 0-.7.3 2.8 2.8 0 0 0-.9 2.1 4.9 4.9 0 0 0 1 2.6 11.2 11.2 0 0 0 4.3 3.8c1.6.7 2.2.7 3 .6.5-.1 1.4-.6 1.6-1.1.2-.6.2-1 .1-1.1l-.5-.2Z',
  },
  phone: {
    color: 'grape',
    path: 'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.2 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1 11.4 11.4 0 0 0 .6 3.6 1 1 0 0 1-.3 1l-2.2 2.2Z',
  },
};

export function ChannelIcon({
  kind,
  size = 'md',
}: {
  kind: ChannelKind;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const { color, path } = look[kind];
  return (
    <ThemeIcon
      color={color}
      variant="light"
      radius="xl"
      size={size}
      role="img"
      aria-label={t(`inbox.kinds.${kind}`)}
      title={t(`inbox.kinds.${kind}`)}
    >
      <svg viewBox="0 0 24 24" width="70%" height="70%" fill="currentColor" aria-hidden="true">
        <path d={path} />
      </svg>
    </ThemeIcon>
  );
}
