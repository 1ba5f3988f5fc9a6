// @vitest-environment happy-dom
import "fake-indexeddb/auto";

import { createPinia, setActivePinia } from "pinia";
import { createApp } from "vue";
import { describe, expect, it } from "vitest";

import { createApiClient, type AccessToken } from "../api/client";
import { apiKey } from "../api/inject";
import { wa122, wa80SixRing } from "../scoring/fixtures";
import { AUTH_STORAGE_KEY } from "./auth";
import { useCatalogueStore } from "./catalogue";

const token: AccessToken = {
  access_token: "secret",
  token_type: "bearer",
  expires_at: "2030-01-01T00:00:00Z",
  archer_id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A new page of the app (a reload): a new Pinia over the same IndexedDB, answering with `reply`. */
function reloadedApp(reply: (path: string) => Promise<Response>) {
  const requests: string[] = [];
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    fetch: (request) => {
      const path = new URL(request.url).pathname;
      requests.push(path);
      return reply(path);
    },
  });
  const app = createApp({}).provide(apiKey, api);
  const pinia = createPinia();
  app.use(pinia);
  setActivePinia(pinia);
  return { catalogue: app.runWithContext(() => useCatalogueStore()), requests };
}

const offline = (): Promise<Response> => Promise.reject(new TypeError("Failed to fetch"));

/** The device's network, as `navigator.onLine` and the window's events tell it. */
function setNetwork(up: boolean): void {
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => up });
  window.dispatchEvent(new Event(up ? "online" : "offline"));
}

describe("useCatalogueStore", () => {
  it("serves the last known faces offline and reads them again when the network is back", async () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const online = reloadedApp(async () => json({ items: [wa122] }));
    expect(await online.catalogue.loadFaces()).toBeUndefined();
    expect(online.catalogue.face("wa_122")).toEqual(wa122);

    setNetwork(false);
    let reply: (path: string) => Promise<Response> = offline;
    const reloaded = reloadedApp((path) => reply(path));
    expect(await reloaded.catalogue.loadFaces()).toBeUndefined();
    expect(reloaded.catalogue.faces).toEqual([wa122]);

    reply = async () => json({ items: [wa122, wa80SixRing] });
    setNetwork(true);
    await expect.poll(() => reloaded.catalogue.faces.length).toBe(2);
    expect(reloaded.requests).toEqual(["/api/v0/face", "/api/v0/face"]);
    // Fresh now: kept, not asked again.
    await reloaded.catalogue.loadFaces();
    expect(reloaded.requests).toHaveLength(2);
  });

  it("says the network failed when nothing was kept", async () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const { catalogue } = reloadedApp(offline);
    expect(await catalogue.loadRounds()).toBeInstanceOf(TypeError);
    expect(catalogue.rounds).toEqual([]);
  });
});
