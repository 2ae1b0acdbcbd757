import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The appliance the dev server forwards to (`EDGECALL_APPLIANCE=http://localhost:18090 npm run dev`). */
const appliance = process.env.EDGECALL_APPLIANCE ?? 'http://localhost:8080';

export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    // mqtt.js is ~340 kB and loaded lazily once logged in; warn only above it.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': { target: appliance },
      '/healthz': { target: appliance },
      '/mqtt': { target: appliance.replace(/^http/, 'ws'), ws: true },
    },
  },
  plugins: [
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      // The appliance's CSP forbids inline scripts: src/shell/pwa-lifecycle.ts registers with workbox-window.
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'EdgeCall',
        short_name: 'EdgeCall',
        description: 'EdgeCall — Çağrı Mərkəzi',
        lang: 'az',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0b5d6b',
        background_color: '#f4f6f7',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        navigateFallback: '/index.html',
        // Server routes must reach the appliance (or fail): never answer them with the shell.
        // /ca is the appliance's certificate page (decision 0007), not a route of the app.
        navigateFallbackDenylist: [/^\/api\//, /^\/mqtt/, /^\/healthz/, /^\/metrics/, /^\/ca($|[.?])/],
        // No runtime caching: /api answers are personal and live; the app keeps its own last data in IndexedDB.
        runtimeCaching: [],
        clientsClaim: true,
        // A new version waits until the user chooses to reload (no half-typed form is lost).
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        // Alert notifications shown by the service worker (mobile) focus the app when clicked.
        importScripts: ['/sw-notifications.js'],
      },
    }),
  ],
});
