import { inject, type InjectionKey } from "vue";

import type { ApiClient } from "./client";

export const apiKey: InjectionKey<ApiClient> = Symbol("quiver-api");

export function useApi(): ApiClient {
  const api = inject(apiKey);
  if (api === undefined) {
    throw new Error("No API client provided; call app.provide(apiKey, createApiClient()).");
  }
  return api;
}
