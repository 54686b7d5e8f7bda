import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The client builds to dist/, which the Node server serves. In `npm run dev` Vite serves the
// client and proxies /ws and /api to the server on DEV_API_PORT.
const DEV_API_PORT = Number(process.env.CHARRETTE_API_PORT ?? 8787);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${DEV_API_PORT}`,
      '/ws': { target: `ws://127.0.0.1:${DEV_API_PORT}`, ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['test/{shared,server,client}/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
