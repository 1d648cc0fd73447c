// The views feature as other features see it: import from here, never from its files.
export { ViewsMenu } from './ViewsMenu';
export { queryStrings, sameQuery } from './use-views';
