import vue from "@vitejs/plugin-vue";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

const backend = "http://127.0.0.1:8000";

// Paths the server answers itself: the app shell must never stand in for them.
const SERVER_PATHS = [/^\/api\//, /^\/ws\//, /^\/docs/, /^\/redoc/, /^\/openapi\.json/];

export default defineConfig({
  plugins: [
    vue(),
    // At the range a phone reloads or evicts the tab with no signal: the app shell is cached
    // so the page opens offline, and the arrow queue (IndexedDB) takes it from there.
    VitePWA({
      strategies: "generateSW",
      registerType: "autoUpdate",
      // Registered in main.ts, for production builds only.
      injectRegister: null,
      manifest: {
        name: "Quiver",
        short_name: "Quiver",
        description: "Score archery practice on your phone: plot arrows, see the server's scores live.",
        lang: "en",
        start_url: "/",
        scope: "/",
        display: "standalone",
        theme_color: "#ffffff",
        background_color: "#f6f4ef",
        icons: [
          { src: "/favicon.svg", sizes: "any", type: "image/svg+xml" },
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: SERVER_PATHS,
        // The API and the live channel are never cached: scores come from the server, now.
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: {
      "/api": backend,
      "/openapi.json": backend,
      "/ws": { target: backend, ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
  },
});
