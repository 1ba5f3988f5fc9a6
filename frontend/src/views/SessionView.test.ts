// @vitest-environment happy-dom
import "fake-indexeddb/auto";

import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { createMemoryHistory, createRouter } from "vue-router";
import { afterEach, describe, expect, it } from "vitest";

import { createApiClient, type AccessToken, type Session, type Slot } from "../api/client";
import { apiKey } from "../api/inject";
import { AUTH_STORAGE_KEY } from "../stores/auth";
import SessionView from "./SessionView.vue";

const SESSION_ID = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c";
const token: AccessToken = {
  access_token: "secret",
  token_type: "bearer",
  expires_at: "2030-01-01T00:00:00Z",
  archer_id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
};
const session = { id: SESSION_ID, location: "Club field", is_opened: true } as Session;
const slots = [{ id: "slot-1", archer_id: token.archer_id, lane: 1, letter: "A", is_active: true }] as Slot[];

function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

const notFound = {
  type: "/problems/not_found",
  title: "Not found",
  status: 404,
  detail: "No such session.",
  instance: "/",
  code: "not_found",
  request_id: "r",
};

/** The server as it answers now: set `server` to change it between reloads. */
let server: (path: string) => Promise<Response>;
const online = (current: Session): typeof server => async (path) =>
  json(path.endsWith("/slot") ? { items: slots, next_cursor: null } : current);
const unreachable: typeof server = () => Promise.reject(new TypeError("Failed to fetch"));

function setNetwork(up: boolean): void {
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => up });
  window.dispatchEvent(new Event(up ? "online" : "offline"));
}

/** The session's page, opened anew (a reload): the range and the join form are stand-ins. */
async function openPage(sessionId = SESSION_ID) {
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
  const api = createApiClient({ baseUrl: "http://quiver.test", fetch: (request) => server(new URL(request.url).pathname) });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/session/:sessionId", name: "session", component: SessionView, props: true },
      { path: "/history", name: "history", component: { template: "<p>history</p>" } },
    ],
  });
  await router.push(`/session/${sessionId}`);
  const wrapper = mount(SessionView, {
    props: { sessionId },
    global: {
      plugins: [createPinia(), router],
      provide: { [apiKey as symbol]: api },
      stubs: { SessionRange: true, JoinPanel: true },
    },
  });
  // Settled once the load is over: IndexedDB answers off the microtask queue, after however
  // long a loaded machine takes, so no fixed wait is long enough.
  await expect.poll(() => wrapper.find("[role=status]").exists(), { timeout: 5000 }).toBe(false);
  await flushPromises();
  return wrapper;
}

const range = (wrapper: Awaited<ReturnType<typeof openPage>>) => wrapper.findComponent({ name: "SessionRange" });

afterEach(() => setNetwork(true));

describe("SessionView offline", () => {
  it("opens the range with what was last loaded, then replaces it once back online", async () => {
    server = online(session);
    const first = await openPage();
    expect(range(first).props("stale")).toBe(false);
    first.unmount();

    setNetwork(false);
    server = unreachable;
    const reloaded = await openPage();
    expect(reloaded.find("[role=alert]").exists()).toBe(false);
    expect(range(reloaded).props()).toMatchObject({ initialSession: session, initialSlots: slots, stale: true });

    const renamed = { ...session, location: "Back field" };
    server = online(renamed);
    setNetwork(true);
    await expect.poll(() => range(reloaded).props("stale")).toBe(false);
    expect(range(reloaded).props("initialSession")).toEqual(renamed);
  });

  it("shows that the server cannot be reached when nothing was kept, and retries online", async () => {
    const neverLoaded = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d";
    setNetwork(false);
    server = unreachable;
    const page = await openPage(neverLoaded);
    expect(page.find("[role=alert]").text()).toContain("Cannot reach the server");
    expect(range(page).exists()).toBe(false);

    server = online({ ...session, id: neverLoaded });
    setNetwork(true);
    await expect.poll(() => range(page).exists()).toBe(true);
    expect(page.find("[role=alert]").exists()).toBe(false);
  });

  it("never masks a 404 with the last known copy", async () => {
    server = online(session);
    (await openPage()).unmount();

    server = async () => json(notFound, 404);
    const page = await openPage();
    expect(range(page).exists()).toBe(false);
    expect(page.find("h1").text()).toBe("Join the practice");
    page.unmount();

    // Nor is the copy kept: offline, the session is not shown any more.
    setNetwork(false);
    server = unreachable;
    expect(range(await openPage()).exists()).toBe(false);
  });
});
