// The calls module's public surface: call lists (обзвон) worked in call mode. Click-to-call, the
// journal and the statistics are the activities module's and the telephony channel's (DESIGN.md).
export {
  listCallLists,
  getCallList,
  createCallList,
  deleteCallList,
  listItems,
  nextItem,
  itemForCall,
  recordOutcome,
} from './lists.js';
export { callListRoutes } from './routes.js';
