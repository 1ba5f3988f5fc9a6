import { createPinia } from "pinia";
import { createApp } from "vue";

import App from "./App.vue";
import { createApiClient } from "./api/client";
import { apiKey } from "./api/inject";
import { createAppRouter } from "./router";
import { applyStoredTheme } from "./theme";
import "./style.css";

applyStoredTheme();

const api = createApiClient({ baseUrl: import.meta.env.VITE_API_BASE_URL ?? "" });
const app = createApp(App).provide(apiKey, api).use(createPinia());
// The router's guard reads the auth store, which injects the API client: provide it first.
app.use(createAppRouter());
app.mount("#app");

// The service worker caches the app shell so the page opens with no signal; a dev server's
// modules change on every save, so only a production build registers it.
if (import.meta.env.PROD) {
  void import("virtual:pwa-register").then(({ registerSW }) => registerSW({ immediate: true }));
}
