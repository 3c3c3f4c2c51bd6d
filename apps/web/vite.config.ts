// The console is built into dist/ and served by the EcoEnforce server itself; `npm run dev -w apps/web`
// proxies the API to a server on 127.0.0.1:8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
