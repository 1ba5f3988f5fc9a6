// @vitest-environment happy-dom
import "fake-indexeddb/auto";

import { flushPromises } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { createApp } from "vue";
import { afterEach, describe, expect, it } from "vitest";

import { createApiClient, type AccessToken, type Problem, type Session, type Slot } from "../api/client";
import { apiKey } from "../api/inject";
import { wa122 } from "../scoring/fixtures";
import { AUTH_STORAGE_KEY, useAuthStore } from "../stores/auth";
import { createLastKnown, freshOrLastKnown, isUnreachable, useLastKnown, type LastKnownHandle } from "./lastKnown";

const ROBIN = "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10";
const MARIAN = "7c1f2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
let databases = 0;
const opened: LastKnownHandle[] = [];

/** A memory in a database of its own, for whoever `archer()` says is signed in. */
function memoryFor(archer: () => string | null): LastKnownHandle {
  databases += 1;
  const memory = createLastKnown({ archerId: archer, dbName: `last-known-test-${databases}` });
  opened.push(memory);
  return memory;
}

afterEach(() => opened.splice(0).forEach((memory) => memory.dispose()));

function problem(status: number): Problem {
  return { type: "/problems/x", title: "x", status, detail: "No.", instance: "/", code: "x", request_id: "r" };
}

const session = { id: "s-1", location: "Club field", is_opened: true } as Session;
const slots = [{ id: "slot-1", lane: 1, letter: "A" }] as Slot[];

describe("createLastKnown", () => {
  it("gives back what it kept, as plain JSON", async () => {
    const memory = memoryFor(() => ROBIN);
    await memory.put("faces", [wa122]);
    await memory.put("session/s-1", { session, slots });
    expect(await memory.get("faces")).toEqual([wa122]);
    expect(await memory.get("session/s-1")).toEqual({ session, slots });
    expect(await memory.get("session/s-2")).toBeUndefined();
  });

  it("keeps each archer's answers apart, and nothing for nobody", async () => {
    let signedIn: string | null = ROBIN;
    const memory = memoryFor(() => signedIn);
    await memory.put("faces", [wa122]);

    signedIn = MARIAN;
    expect(await memory.get("faces")).toBeUndefined();
    signedIn = null;
    await memory.put("rounds", []);
    expect(await memory.get("faces")).toBeUndefined();

    signedIn = ROBIN;
    expect(await memory.get("faces")).toEqual([wa122]);
    expect(await memory.get("rounds")).toBeUndefined();
  });

  it("forgets one archer's answers only", async () => {
    let signedIn = ROBIN;
    const memory = memoryFor(() => signedIn);
    await memory.put("faces", [wa122]);
    await memory.put("shots/slot-1", []);
    signedIn = MARIAN;
    await memory.put("faces", [wa122]);

    await memory.forget(ROBIN);
    expect(await memory.get("faces")).toEqual([wa122]);
    signedIn = ROBIN;
    expect(await memory.get("faces")).toBeUndefined();
    expect(await memory.get("shots/slot-1")).toBeUndefined();
  });
});

describe("isUnreachable", () => {
  it("is a network failure, a timeout or a gateway's 502/503/504, never a refusal", () => {
    expect(isUnreachable(new TypeError("Failed to fetch"))).toBe(true);
    expect(isUnreachable(new DOMException("slow", "TimeoutError"))).toBe(true);
    expect(isUnreachable("Bad Gateway", 502)).toBe(true);
    expect(isUnreachable(problem(503), 503)).toBe(true);
    expect(isUnreachable(problem(404), 404)).toBe(false);
    expect(isUnreachable(problem(500), 500)).toBe(false);
    expect(isUnreachable(new Error("bug"))).toBe(false);
  });
});

describe("freshOrLastKnown", () => {
  it("remembers a fresh answer and gives it back when the network fails", async () => {
    const memory = memoryFor(() => ROBIN);
    const fresh = await freshOrLastKnown(memory, "faces", async () => ({ data: [wa122] }));
    expect(fresh).toEqual({ data: [wa122], error: undefined, stale: false, unreachable: false });

    const offline = new TypeError("Failed to fetch");
    const recalled = await freshOrLastKnown(memory, "faces", () => Promise.reject(offline));
    expect(recalled).toEqual({ data: [wa122], error: offline, stale: true, unreachable: true });

    const gateway = await freshOrLastKnown(memory, "faces", async () => ({ error: "Bad Gateway", status: 502 }));
    expect(gateway.data).toEqual([wa122]);
    expect(gateway.stale).toBe(true);
  });

  it("says so when the server cannot be reached and nothing was kept", async () => {
    const memory = memoryFor(() => ROBIN);
    const offline = new TypeError("Failed to fetch");
    expect(await freshOrLastKnown(memory, "rounds", () => Promise.reject(offline))).toEqual({
      data: undefined,
      error: offline,
      stale: false,
      unreachable: true,
    });
  });

  it("never masks a refusal, and forgets what the archer may no longer see", async () => {
    const memory = memoryFor(() => ROBIN);
    await memory.put("session/s-1", { session, slots });
    const refused = await freshOrLastKnown(memory, "session/s-1", async () => ({ error: problem(404), status: 404 }));
    expect(refused).toEqual({ data: undefined, error: problem(404), stale: false, unreachable: false });
    expect(await memory.get("session/s-1")).toBeUndefined();
  });

  it("keeps the copy through a server error, without serving it", async () => {
    const memory = memoryFor(() => ROBIN);
    await memory.put("session/s-1", { session, slots });
    const failed = await freshOrLastKnown(memory, "session/s-1", async () => ({ error: problem(500), status: 500 }));
    expect(failed.data).toBeUndefined();
    expect(await memory.get("session/s-1")).toEqual({ session, slots });
  });
});

describe("useLastKnown", () => {
  it("forgets the archer's answers when they sign out", async () => {
    const token: AccessToken = { access_token: "secret", token_type: "bearer", expires_at: "2030-01-01T00:00:00Z", archer_id: ROBIN };
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const api = createApiClient({ baseUrl: "http://quiver.test", fetch: async () => new Response(null, { status: 204 }) });
    const app = createApp({}).provide(apiKey, api);
    const pinia = createPinia();
    app.use(pinia);
    setActivePinia(pinia);
    const { memory, auth } = app.runWithContext(() => ({ memory: useLastKnown(), auth: useAuthStore() }));

    await memory.put("faces", [wa122]);
    expect(await memory.get("faces")).toEqual([wa122]);

    await auth.signOut();
    await flushPromises();
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    auth.token = token;
    await expect.poll(() => memory.get("faces")).toBeUndefined();
  });
});
