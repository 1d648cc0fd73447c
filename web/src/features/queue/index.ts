// The queue feature as other features see it: import from here, never from its files.
export { loadPercent, useQueueOverview } from './use-queue';
