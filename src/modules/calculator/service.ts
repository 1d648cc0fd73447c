// The calculator module's public surface: service cost calculators (definitions as versioned data,
// formulas, itemised estimates from the catalog) and their public widget (see DESIGN.md).
export { calculatorRoutes } from './routes.js';
export { publicCalculatorRoutes } from './public-routes.js';
export { calculatorPageRoutes } from './pages.js';
export { evaluateCalculator, applyToDeal } from './estimates.js';
export { discountRoutes } from './discount-routes.js';
export { discountIssueGuard } from './discounts.js';
