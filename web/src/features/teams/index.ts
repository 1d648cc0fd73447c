// The teams feature as other features see it: import from here, never from its files.
export { useActiveUsers, useTeams } from './use-teams';
