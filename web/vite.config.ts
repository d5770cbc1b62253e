import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The built files are embedded in the channelbase binary (tools/embed), which serves
// them at /; hashed names under /assets/ are cached as immutable.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // dist/.vite/manifest.json: read by bench/web.mjs for the first-screen JS budget; not embedded.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  // `CB_API=http://127.0.0.1:8181 npx vite --port 5181` develops against a running binary.
  server: { proxy: { '/api': process.env.CB_API ?? 'http://127.0.0.1:8080' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
} as never);
