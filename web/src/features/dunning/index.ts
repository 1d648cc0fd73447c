// The dunning feature as other features see it (the company card's section).
export { DunningSection } from './DunningSection';
