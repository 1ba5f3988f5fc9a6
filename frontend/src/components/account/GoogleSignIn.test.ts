// @vitest-environment happy-dom
/// <reference types="google.accounts" />
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createApiClient } from "../../api/client";
import { apiKey } from "../../api/inject";
import { json, problem } from "../../api/testing";
import { AUTH_STORAGE_KEY } from "../../stores/auth";
import GoogleSignIn from "./GoogleSignIn.vue";
import { GOOGLE_IDENTITY_SCRIPT } from "./googleIdentity";

const CLIENT_ID = "1234-abc.apps.googleusercontent.com";
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
const archerId = "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10";
const token = { access_token: "login-token", token_type: "bearer", expires_at: "2030-01-01T00:00:00Z", archer_id: archerId };

const GOOGLE_ON = { items: [{ id: "google", name: "Google", client_id: CLIENT_ID }] };
const OFF = { items: [] };

/** A stand-in for what Google's script defines: `google.accounts.id`, recording its calls. */
function stubGoogle() {
  let callback: ((response: google.accounts.id.CredentialResponse) => void) | undefined;
  const id = {
    initialize: vi.fn((config: google.accounts.id.IdConfiguration) => {
      callback = config.callback;
    }),
    renderButton: vi.fn(),
  };
  vi.stubGlobal("google", { accounts: { id } });
  return {
    id,
    /** What Google does once the archer has picked an account in its popup. */
    pick: (credential: string) => callback?.({ credential, select_by: "btn" }),
  };
}

/** The component over a fake API; every request is kept in `requests`. */
async function googleButton(reply: (path: string) => Response | Promise<Response>, context: "signin" | "signup" = "signin") {
  const requests: { method: string; path: string; body: unknown }[] = [];
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    fetch: async (request) => {
      const text = await request.clone().text();
      const path = new URL(request.url).pathname;
      requests.push({ method: request.method, path, body: text === "" ? null : JSON.parse(text) });
      return reply(path);
    },
  });
  const wrapper = mount(GoogleSignIn, {
    props: { context, placement: "after-form" },
    global: { plugins: [createPinia()], provide: { [apiKey as symbol]: api } },
  });
  await flushPromises();
  return { wrapper, requests };
}

const googleScripts = () => document.querySelectorAll(`script[src="${GOOGLE_IDENTITY_SCRIPT}"]`);

describe("GoogleSignIn", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it("shows nothing and loads nothing of Google's when the server lists no provider", async () => {
    const { wrapper, requests } = await googleButton(() => json(OFF));
    expect(requests.map(({ path }) => path)).toEqual(["/api/v0/auth/providers"]);
    expect(wrapper.html()).not.toContain("google");
    expect(wrapper.text()).toBe("");
    expect(googleScripts()).toHaveLength(0);
    expect("google" in globalThis).toBe(false);
  });

  it("shows nothing when the provider list cannot be fetched", async () => {
    const { wrapper } = await googleButton(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(wrapper.text()).toBe("");
    expect(googleScripts()).toHaveLength(0);
  });

  it("draws Google's button with the server's client id when Google is on", async () => {
    const google = stubGoogle();
    const { wrapper } = await googleButton(() => json(GOOGLE_ON), "signup");
    expect(google.id.initialize).toHaveBeenCalledWith(
      expect.objectContaining({ client_id: CLIENT_ID, context: "signup", ux_mode: "popup" }),
    );
    const [element, options] = google.id.renderButton.mock.calls[0] ?? [];
    expect(element).toBe(wrapper.find('[data-testid="google-button"]').element);
    expect(options).toMatchObject({ type: "standard", text: "signup_with" });
    expect(wrapper.text()).toContain("or");
  });

  it("sends Google's credential to the server, keeps the token and says it is signed in", async () => {
    const google = stubGoogle();
    const { wrapper, requests } = await googleButton((path) =>
      path === "/api/v0/auth/providers" ? json(GOOGLE_ON) : path === "/api/v0/auth/oidc" ? json(token) : json({ id: archerId }),
    );
    google.pick(ID_TOKEN);
    await flushPromises();

    expect(requests[1]).toEqual({ method: "POST", path: "/api/v0/auth/oidc", body: { provider: "google", id_token: ID_TOKEN } });
    expect(JSON.parse(localStorage.getItem(AUTH_STORAGE_KEY) ?? "null")).toEqual(token);
    expect(wrapper.emitted("signedIn")).toHaveLength(1);
  });

  it("shows the server's problem when it refuses the ID token, and stays signed out", async () => {
    const google = stubGoogle();
    const refused = problem(401, "invalid_id_token", "The ID token's email address is not verified.");
    const { wrapper } = await googleButton((path) => (path === "/api/v0/auth/providers" ? json(GOOGLE_ON) : json(refused, 401)));
    google.pick(ID_TOKEN);
    await flushPromises();

    expect(wrapper.find('[role="alert"]').text()).toBe("The ID token's email address is not verified.");
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    expect(wrapper.emitted("signedIn")).toBeUndefined();
  });

  it("loads Google's script only when Google is on, and says so when it cannot", async () => {
    // Catch the script instead of letting happy-dom try the network.
    const appended: Node[] = [];
    vi.spyOn(document.head, "append").mockImplementation((...nodes) => void appended.push(...(nodes as Node[])));
    const { wrapper } = await googleButton(() => json(GOOGLE_ON));
    const script = appended[0] as HTMLScriptElement;
    expect(script.src).toBe(GOOGLE_IDENTITY_SCRIPT);
    expect(script.async).toBe(true);

    script.dispatchEvent(new Event("error"));
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain("Google sign-in could not be loaded");
  });

  it("initialises Google once its script has loaded", async () => {
    const appended: Node[] = [];
    vi.spyOn(document.head, "append").mockImplementation((...nodes) => void appended.push(...(nodes as Node[])));
    await googleButton(() => json(GOOGLE_ON));
    const google = stubGoogle();
    appended[0]?.dispatchEvent(new Event("load"));
    await flushPromises();
    expect(google.id.initialize).toHaveBeenCalledWith(expect.objectContaining({ client_id: CLIENT_ID }));
    expect(google.id.renderButton).toHaveBeenCalledTimes(1);
  });
});
