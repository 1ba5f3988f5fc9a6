import { createApp } from "vue";

import App from "./App.vue";
import { createApiClient } from "./api/client";
import { apiKey } from "./api/inject";
import "./style.css";

const api = createApiClient({ baseUrl: import.meta.env.VITE_API_BASE_URL ?? "" });

createApp(App).provide(apiKey, api).mount("#app");
