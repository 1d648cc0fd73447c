import type { LeadStatus } from './tables.js';

// The status a manager may set by hand from each status. `converted` is reached only by converting,
// and nothing leaves it; junk can be reopened as new when it was marked by mistake.
const manualMoves: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['in_work', 'qualified', 'junk'],
  in_work: ['new', 'qualified', 'junk'],
  qualified: ['in_work', 'junk'],
  junk: ['new'],
  converted: [],
};

export function canMoveLead(from: LeadStatus, to: LeadStatus): boolean {
  return from === to ? from !== 'converted' : manualMoves[from].includes(to);
}

export const canConvertLead = (status: LeadStatus): boolean =>
  status !== 'converted' && status !== 'junk';
