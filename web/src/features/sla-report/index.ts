// The sla-report feature as other features see it: import from here, never from its files.
export { formatResponseTime, isoDay } from './sla-format';
export { useSlaReport } from './use-sla-report';
