// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia } from "pinia";
import { createMemoryHistory, createRouter } from "vue-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createApiClient, type PersonalAccessToken } from "../api/client";
import { apiKey } from "../api/inject";
import { json, problem } from "../api/testing";
import TokensView from "./TokensView.vue";

const SECRET = "qvr_pat_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5X3g";

const ci: PersonalAccessToken = {
  id: "6a1f3c2e-8b4d-4e5f-9a6b-7c8d9e0f1a2b",
  name: "Club scoreboard",
  scopes: ["sessions:read", "stats:read"],
  token_hint: "qvr_pat_...Qx7a",
  created_at: "2026-11-02T09:00:00Z",
  expires_at: "2027-01-31T09:00:00Z",
  last_used_at: "2026-11-30T18:12:00Z",
};
const script: PersonalAccessToken = {
  id: "0c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f",
  name: "My script",
  scopes: ["profile:read"],
  token_hint: "qvr_pat_...b_9Z",
  created_at: "2026-10-01T09:00:00Z",
  expires_at: null,
  last_used_at: null,
};

interface Sent {
  method: string;
  path: string;
  query: string;
  body: unknown;
  idempotencyKey: string | null;
}

/** The tokens screen over a fake API answering `reply`; every request is kept in `requests`. */
async function tokensScreen(reply: (sent: Sent) => Response | Promise<Response>) {
  const requests: Sent[] = [];
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    token: "login-token",
    fetch: async (request) => {
      const text = await request.clone().text();
      const url = new URL(request.url);
      const sent = {
        method: request.method,
        path: url.pathname,
        query: url.search,
        body: text === "" ? null : JSON.parse(text),
        idempotencyKey: request.headers.get("Idempotency-Key"),
      };
      requests.push(sent);
      return reply(sent);
    },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/tokens", component: TokensView },
      { path: "/profile", component: { template: "<p>profile</p>" } },
    ],
  });
  await router.push("/tokens");
  const wrapper = mount(TokensView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: api } },
  });
  await flushPromises();
  return { wrapper, requests };
}

/** The fake server: a list, a create that answers `created` or a problem, a revoke. */
function server(options: { list?: PersonalAccessToken[]; create?: () => Response; revoke?: () => Response } = {}) {
  return ({ method, path, body }: Sent): Response => {
    if (method === "GET") return json({ items: options.list ?? [ci, script], next_cursor: null });
    if (method === "POST") {
      if (options.create !== undefined) return options.create();
      const { name, scopes, expires_in_days } = body as { name: string; scopes: string[]; expires_in_days: number | null };
      const id = crypto.randomUUID();
      const expires = expires_in_days === null ? null : "2027-03-01T12:00:00Z";
      return json(
        { id, name, scopes, token_hint: "qvr_pat_...X_3g", created_at: "2026-12-01T12:00:00Z", expires_at: expires, last_used_at: null, token: SECRET },
        201,
      );
    }
    if (method === "DELETE" && path.startsWith("/api/v0/access_token/")) return options.revoke?.() ?? new Response(null, { status: 204 });
    return json(problem(404, "not_found", "No such thing."), 404);
  };
}

function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll("label").find((candidate) => candidate.text().startsWith(text));
  if (label === undefined) throw new Error(`No field labelled ${text}`);
  const control = label.attributes("for") === undefined ? label.find("input") : wrapper.find(`#${label.attributes("for")}`);
  return control;
}

async function create(wrapper: VueWrapper, name: string, scopes: string[], expiry = "90 days") {
  await byLabel(wrapper, "Name").setValue(name);
  for (const scope of scopes) await byLabel(wrapper, scope).setValue(true);
  await byLabel(wrapper, expiry).setValue(true);
  await wrapper.find("form").trigger("submit");
  await flushPromises();
}

const tokenNames = (wrapper: VueWrapper) => wrapper.findAll("article h3").map((heading) => heading.text());

describe("TokensView", () => {
  afterEach(() => {
    document.body.innerHTML = "";
    vi.unstubAllGlobals();
  });

  it("lists the tokens with their scopes, hint and dates, never a secret", async () => {
    const { wrapper, requests } = await tokensScreen(server());
    expect(requests[0]).toMatchObject({ method: "GET", path: "/api/v0/access_token" });
    expect(tokenNames(wrapper)).toEqual(["Club scoreboard", "My script"]);

    const [first, second] = wrapper.findAll("article");
    expect(first?.findAll(".scopes li").map((scope) => scope.text())).toEqual(["sessions:read", "stats:read"]);
    expect(first?.text()).toContain("qvr_pat_...Qx7a");
    expect(first?.find('time[datetime="2026-11-30T18:12:00Z"]').exists()).toBe(true);
    const facts = (article: typeof second) =>
      Object.fromEntries((article?.findAll("dt") ?? []).map((term) => [term.text(), term.element.nextElementSibling?.textContent?.trim()]));
    expect(facts(second)).toMatchObject({ Expires: "Never", "Last used": "Never", Token: "qvr_pat_...b_9Z" });
  });

  it("explains every scope next to its checkbox", async () => {
    const { wrapper } = await tokensScreen(server());
    const checkboxes = wrapper.findAll('input[type="checkbox"]');
    expect(checkboxes.map((box) => box.attributes("value"))).toEqual([
      "profile:read",
      "profile:write",
      "sessions:read",
      "sessions:write",
      "shots:write",
      "equipment:read",
      "equipment:write",
      "stats:read",
    ]);
    expect(byLabel(wrapper, "shots:write").element.closest("label")?.textContent).toContain("Record, correct and delete arrows.");
  });

  it("creates a token and shows its secret once, with a warning, until Done", async () => {
    const { wrapper, requests } = await tokensScreen(server());
    await create(wrapper, "Scoring tablet", ["shots:write", "profile:read"], "Never");

    const post = requests.find(({ method }) => method === "POST");
    // In the contract's order, whatever order they were ticked in.
    expect(post?.body).toEqual({ name: "Scoring tablet", scopes: ["profile:read", "shots:write"], expires_in_days: null });
    expect(post?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    const secret = wrapper.find('[data-testid="token-secret"]');
    expect(secret.text()).toBe(SECRET);
    expect(wrapper.text()).toContain("You won’t see it again.");
    expect(document.activeElement?.textContent).toBe("Copy your new token now");
    // The list has the new token first, by its hint only.
    expect(tokenNames(wrapper)).toEqual(["Scoring tablet", "Club scoreboard", "My script"]);
    expect(wrapper.find("ul.card-list").text()).not.toContain(SECRET);
    // The form is blank again for another token.
    expect((byLabel(wrapper, "Name").element as HTMLInputElement).value).toBe("");

    await wrapper.findAll("button").find((button) => button.text() === "Done")?.trigger("click");
    expect(wrapper.html()).not.toContain(SECRET);
  });

  it("copies the secret to the clipboard", async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { wrapper } = await tokensScreen(server());
    await create(wrapper, "Scoring tablet", ["shots:write"]);
    await wrapper.findAll("button").find((button) => button.text() === "Copy token")?.trigger("click");
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(wrapper.find('.secret-panel [role="status"]').text()).toBe("Copied to the clipboard.");
  });

  it("gives each new token its own Idempotency-Key, even with the same name and scopes", async () => {
    const { wrapper, requests } = await tokensScreen(server());
    await create(wrapper, "Tablet", ["shots:write"]);
    await create(wrapper, "Tablet", ["shots:write"]);
    const keys = requests.filter(({ method }) => method === "POST").map(({ idempotencyKey }) => idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("asks for a scope before sending anything", async () => {
    const { wrapper, requests } = await tokensScreen(server());
    await create(wrapper, "Nothing", []);
    expect(requests.some(({ method }) => method === "POST")).toBe(false);
    expect(wrapper.find("fieldset .field-error").text()).toBe("Choose at least one scope.");
    expect(wrapper.find('fieldset input[type="checkbox"]').attributes("aria-invalid")).toBe("true");
  });

  it("shows the server's field message next to the name and the rest in the alert", async () => {
    const invalid = problem(422, "validation_failed", "The request is invalid: /name.", [
      { pointer: "/name", detail: "String should have at most 100 characters" },
    ]);
    const { wrapper } = await tokensScreen(server({ create: () => json(invalid, 422) }));
    await create(wrapper, "x".repeat(20), ["stats:read"]);

    const name = byLabel(wrapper, "Name");
    expect(name.attributes("aria-invalid")).toBe("true");
    expect(wrapper.text()).toContain("String should have at most 100 characters");
    expect(wrapper.find(".alert").text()).toBe("The request is invalid: /name.");
    expect(wrapper.find('[data-testid="token-secret"]').exists()).toBe(false);
  });

  it("shows a refusal that is about no field, e.g. a personal access token managing tokens", async () => {
    const forbidden = problem(403, "insufficient_scope", "This operation needs the scope account.");
    const { wrapper } = await tokensScreen(server({ create: () => json(forbidden, 403) }));
    await create(wrapper, "Tablet", ["stats:read"]);
    expect(wrapper.find(".alert").text()).toBe("This operation needs the scope account.");
  });

  it("revokes a token after confirmation", async () => {
    const { wrapper, requests } = await tokensScreen(server());
    await wrapper.find('button[aria-label="Revoke Club scoreboard"]').trigger("click");
    await flushPromises();
    const dialog = wrapper.find("dialog");
    expect(dialog.text()).toContain("Revoke “Club scoreboard”?");
    expect(requests.some(({ method }) => method === "DELETE")).toBe(false);

    await dialog.find("form").trigger("submit");
    await flushPromises();
    expect(requests.at(-1)).toMatchObject({ method: "DELETE", path: `/api/v0/access_token/${ci.id}` });
    expect(tokenNames(wrapper)).toEqual(["My script"]);
  });

  it("keeps the token and shows the problem when revoking fails", async () => {
    const gone = problem(404, "access_token_not_found", "No usable access token with this id.");
    const { wrapper } = await tokensScreen(server({ revoke: () => json(gone, 404) }));
    await wrapper.find('button[aria-label="Revoke My script"]').trigger("click");
    await flushPromises();
    await wrapper.find("dialog form").trigger("submit");
    await flushPromises();
    expect(wrapper.find("dialog .alert").text()).toBe("No usable access token with this id.");
    expect(tokenNames(wrapper)).toEqual(["Club scoreboard", "My script"]);
  });

  it("says when there is no token yet, and when the list cannot be loaded", async () => {
    const empty = await tokensScreen(server({ list: [] }));
    expect(empty.wrapper.find(".empty").text()).toBe("No access tokens yet.");

    const offline = await tokensScreen(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(offline.wrapper.find(".alert").text()).toContain("Cannot reach the server");
    expect(offline.wrapper.findAll("button").some((button) => button.text() === "Try again")).toBe(true);
  });

  it("loads further pages on demand", async () => {
    const { wrapper, requests } = await tokensScreen(({ query }) =>
      json(query.includes("cursor=") ? { items: [script], next_cursor: null } : { items: [ci], next_cursor: "page-2" }),
    );
    await wrapper.findAll("button").find((button) => button.text() === "Show more")?.trigger("click");
    await flushPromises();
    expect(requests.at(-1)?.query).toBe("?cursor=page-2");
    expect(tokenNames(wrapper)).toEqual(["Club scoreboard", "My script"]);
    expect(wrapper.findAll("button").some((button) => button.text() === "Show more")).toBe(false);
  });
});
