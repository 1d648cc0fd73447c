// The receivables feature as other features see it: import from here, never from its files.
export { CompanyReceivables } from './CompanyReceivables';
export { CreditLimitWarning } from './CreditLimitWarning';
