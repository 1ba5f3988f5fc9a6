// @vitest-environment happy-dom
import "fake-indexeddb/auto";

import { createPinia, setActivePinia } from "pinia";
import { createApp } from "vue";
import { describe, expect, it } from "vitest";

import { createApiClient, type AccessToken } from "../api/client";
import { apiKey } from "../api/inject";
import { useAuthStore } from "../stores/auth";
import { useArrowQueue } from "./arrowQueue";

const token: AccessToken = {
  access_token: "secret",
  token_type: "bearer",
  expires_at: "2030-01-01T00:00:00Z",
  archer_id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
};

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("useArrowQueue", () => {
  it("is one queue per app, and signing in sends what waited", async () => {
    localStorage.clear();
    const posted: string[] = [];
    const api = createApiClient({
      baseUrl: "http://quiver.test",
      fetch: (request) => {
        const path = new URL(request.url).pathname;
        if (path.endsWith("/auth/login")) return Promise.resolve(json(token, 200));
        if (path.endsWith("/shot")) {
          posted.push(request.headers.get("Authorization") ?? "");
          return Promise.resolve(json({ items: [] }, 201));
        }
        return Promise.resolve(json({}, 404));
      },
    });
    const app = createApp({}).provide(apiKey, api);
    const pinia = createPinia();
    app.use(pinia);
    setActivePinia(pinia);

    const { queue, again } = app.runWithContext(() => ({ queue: useArrowQueue(), again: useArrowQueue() }));
    expect(again).toBe(queue);

    // Signed out: the arrow is kept, nothing is sent.
    await queue.enqueue("5d0c8a43-6a8e-4f0e-9f51-2b7a6a1c0001", { value: "9" });
    await queue.flush();
    expect(posted).toEqual([]);

    await app.runWithContext(() => useAuthStore()).signIn("robin@example.org", "sherwood-forest");
    await expect.poll(() => posted).toEqual(["Bearer secret"]);
    await expect.poll(() => queue.pending.value).toEqual([]);
  });
});
