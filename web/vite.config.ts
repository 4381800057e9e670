import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The page most first loads land on: its chunks download beside the shell, not after it has run.
 * Only the list: preloading the ticket page too made the list's cold first load 0.3 s slower
 * (compiling it competes with the shell); it is fetched once the browser is idle (pages/lazy.ts).
 */
const FIRST_LOAD_PAGES = ['src/pages/TicketListPage.tsx'];

/**
 * Adds `<link rel="modulepreload">` for the first page's chunks (and what they import) to index.html.
 * The browser then fetches and compiles them while the shell's code loads, instead of when the
 * router first asks for the page (pages/lazy.ts).
 */
function preloadMainPages(): Plugin {
  return {
    name: 'gongdan-preload-main-pages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of byFile.get(fileName)?.imports ?? []) visit(imported);
        };
        for (const chunk of chunks) {
          if (chunk.facadeModuleId && FIRST_LOAD_PAGES.some((page) => chunk.facadeModuleId!.endsWith(page))) visit(chunk.fileName);
        }
        const links = [...files].filter((file) => !html.includes(`/${file}"`));
        return { html, tags: links.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })) };
      },
    },
  };
}

/**
 * The agent console. `npm run build:web` (or the first `npm start`) builds it into web/dist,
 * which the server serves at `/`; see docs/console.md. `npm run dev:web` serves it with hot
 * reload on :5173 and forwards /api to a server started with `npm start` on :3000.
 */
export default defineConfig({
  plugins: [react(), preloadMainPages()],
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
