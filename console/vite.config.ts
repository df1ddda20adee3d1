import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin console: served by Tollgate at /admin from console/dist (see src/console/console.routes.ts).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
});
