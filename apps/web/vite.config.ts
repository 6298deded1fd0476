import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

/** The API and the rooms live on the server; `npm run dev` proxies both to it (PORT, default 3000). */
const serverOrigin = `http://localhost:${process.env.TANDEM_SERVER_PORT ?? '3000'}`

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app registers the worker itself (src/lib/service-worker.ts), so a failed registration never blocks the page.
      injectRegister: null,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Tandem',
        short_name: 'Tandem',
        description: 'Co-write project ideas with practitioners of your regional network',
        theme_color: '#0b5d57',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        // The app shell and every chunk (the editor included), so an opened idea loads again with no network.
        globPatterns: ['**/*.{js,css,html,svg,woff2,json}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/collab\//],
        runtimeCaching: [
          {
            // Reads of the API: fresh when online, the last answer when offline (the idea's title, the network's ideas).
            // Not downloads (an exported .docx is not kept in this browser's caches).
            // Private answers: sign-out deletes this cache by its name (src/lib/local-copies.ts, API_CACHE).
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.pathname.startsWith('/api/') &&
              !url.pathname.endsWith('/presence') &&
              !url.pathname.endsWith('/export.docx'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'tandem-api',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // TipTap's packages define each extension at the top of a module shared with others (`Extension.create(…)`),
      // which a bundler must keep unless told the call has no side effects: the undo history that Collaboration
      // replaces, and other unused extensions, rode along in the editor chunk.
      treeshake: { manualPureFunctions: ['Extension.create', 'Node.create', 'Mark.create'] },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: serverOrigin, changeOrigin: false },
      '/collab': { target: serverOrigin, ws: true, changeOrigin: false },
    },
  },
})
