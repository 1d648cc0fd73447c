import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Vitest requires a default export.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // The ceiling, not the pace: a test still ends when its last check passes.
    testTimeout: 20_000,
  },
});
