import { defineConfig } from 'drizzle-kit';

// Each module owns its tables; drizzle-kit reads them all and writes SQL into migrations/.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/tables.ts', './src/modules/**/tables.ts'],
  out: './migrations',
  casing: 'snake_case',
});
