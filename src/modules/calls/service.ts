// The calls module's public surface: call lists (обзвон) worked in call mode. Click-to-call, the
// journal and the statistics are the activities module's and the telephony channel's (DESIGN.md).
export {
  listCallLists,
  getCallList,
  deleteCallList,
  listItems,
  nextItem,
  itemForCall,
} from './lists.js';
export { createCallList, updateCallList, scriptBranches } from './create.js';
export { recordOutcome } from './outcome.js';
export { listDoNotCall, addDoNotCall, removeDoNotCall, blockedPhones } from './do-not-call.js';
export { callListRoutes } from './routes.js';
