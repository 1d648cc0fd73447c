// The pipeline module's public surface: pipelines, stages, lost reasons, deals and the board.
// Declares how deals follow their clients (client-links.ts) and leave as an export (transfer.ts).
import './client-links.js';
import './transfer.js';
export {
  listPipelines,
  getPipeline,
  createPipeline,
  updatePipeline,
  deletePipeline,
  replaceStages,
  listLostReasons,
  createLostReason,
  updateLostReason,
  ensurePipelineDefaults,
  defaultPipeline,
} from './pipelines.js';
export { listDeals, createDeal, updateDeal, deleteDeal } from './deals.js';
export { getDeal } from './deal-queries.js';
export { declareAmountSource, amountFromLines } from './amount-source.js';
export { moveDeal } from './move-deal.js';
export { getBoard, listBoardColumn } from './board.js';
export { searchDeals } from './search-deals.js';
export { clientHistory, dealOutcomes } from './client-history.js';
export { onStageChange, type StageChange } from './stage-changes.js';
export { quietOpenDeals, type QuietDeal } from './quiet-deals.js';
export { companyOfDeal, dealIdsOfContactSql, dealIdsOfCompanySql } from './owned.js';
export { dealColumns as dealExportColumns } from './transfer.js';
export { seedDeals, type SeedDeal, type SeedDealContact, type SeedStageHistory } from './seed.js';
