// The analytics feature as other features see it: import from here, never from its files.
export { useDashboard } from './use-analytics';
