// @vitest-environment happy-dom
import { createPinia, setActivePinia } from "pinia";
import { createApp } from "vue";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createApiClient, type AccessToken } from "../api/client";
import { apiKey } from "../api/inject";
import { AUTH_STORAGE_KEY, readStoredToken, useAuthStore } from "./auth";

const token: AccessToken = {
  access_token: "secret",
  token_type: "bearer",
  expires_at: "2030-01-01T00:00:00Z",
  archer_id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
};

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

/** An auth store over a fake API, inside an app so that it can inject the client. */
function storeWith(reply: (request: Request) => Response) {
  const api = createApiClient({ baseUrl: "http://quiver.test", fetch: (r) => Promise.resolve(reply(r)) });
  const app = createApp({}).provide(apiKey, api);
  const pinia = createPinia();
  app.use(pinia);
  setActivePinia(pinia);
  return { api, auth: app.runWithContext(() => useAuthStore()) };
}

describe("readStoredToken", () => {
  beforeEach(() => localStorage.clear());

  it("returns a stored token that has not expired", () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    expect(readStoredToken(localStorage, new Date("2029-12-31T23:59:59Z"))).toEqual(token);
  });

  it("drops an expired token", () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    expect(readStoredToken(localStorage, new Date("2030-01-01T00:00:01Z"))).toBeNull();
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it("drops a corrupted entry", () => {
    localStorage.setItem(AUTH_STORAGE_KEY, "{not json");
    expect(readStoredToken(localStorage)).toBeNull();
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });
});

describe("useAuthStore", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it("keeps the token across a reload and sends it", () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const { api, auth } = storeWith(() => json({}, 200));
    expect(auth.isSignedIn).toBe(true);
    expect(api.getToken()).toBe("secret");
  });

  it("signs in, stores the token, and returns null", async () => {
    const { auth } = storeWith((request) =>
      request.url.endsWith("/auth/login") ? json(token, 200) : json({}, 200),
    );
    expect(await auth.signIn("robin@example.org", "sherwood-forest")).toBeNull();
    expect(JSON.parse(localStorage.getItem(AUTH_STORAGE_KEY) ?? "null")).toEqual(token);
  });

  it("returns the problem of a failed sign-in and stays signed out", async () => {
    const problem = { status: 401, title: "Unauthorized", code: "invalid_credentials", detail: "Wrong email or password." };
    const { auth } = storeWith(() => json(problem, 401));
    expect(await auth.signIn("robin@example.org", "wrong")).toEqual(problem);
    expect(auth.isSignedIn).toBe(false);
  });

  it("forgets a token the server no longer accepts", async () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const { api, auth } = storeWith(() => json({ status: 401, title: "Unauthorized", code: "unauthorized" }, 401));
    await auth.loadArcher();
    expect(auth.isSignedIn).toBe(false);
    expect(api.getToken()).toBeNull();
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it("stays signed in when the server cannot be reached", async () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(token));
    const { auth } = storeWith(() => {
      throw new TypeError("Failed to fetch");
    });
    expect(await auth.loadArcher()).toBeNull();
    expect(auth.isSignedIn).toBe(true);
  });
});
