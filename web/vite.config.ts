import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The agent console. `npm run build:web` (or the first `npm start`) builds it into web/dist,
 * which the server serves at `/`; see docs/console.md. `npm run dev:web` serves it with hot
 * reload on :5173 and forwards /api to a server started with `npm start` on :3000.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by src/console/bundle-size.ts to report the initial JavaScript.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.GONGDAN_API ?? 'http://127.0.0.1:3000' },
  },
});
