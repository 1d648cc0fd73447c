import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  focusRing: 'auto',
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'voronka.color-scheme' });
