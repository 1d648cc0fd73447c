export * from './common.js';
export * from './problem.js';
export * from './access.js';
export * from './workspace.js';
export * from './people.js';
export * from './auth.js';
export * from './audit.js';
export * from './search.js';
