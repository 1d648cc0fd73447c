import {
  createTheme,
  localStorageColorSchemeManager,
  type CSSVariablesResolver,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // indigo-6 on white is 4.3:1; shade 7 passes WCAG AA (4.5:1) for links, filled buttons and badges.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  focusRing: 'auto',
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'voronka.color-scheme' });

// Secondary ("dimmed") text one step darker than Mantine's default in light mode, lighter in dark
// mode: the default gray-6 on white is 3.3:1, below the 4.5:1 WCAG AA asks of body-size text.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
