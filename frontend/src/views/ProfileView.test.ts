// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { createPinia } from "pinia";
import { createMemoryHistory, createRouter } from "vue-router";
import { afterEach, describe, expect, it } from "vitest";

import { createApiClient } from "../api/client";
import { apiKey } from "../api/inject";
import { archerFixture as archer, json, problem } from "../api/testing";
import { AUTH_STORAGE_KEY } from "../stores/auth";
import ProfileView from "./ProfileView.vue";

interface Sent {
  method: string;
  body: unknown;
  ifMatch: string | null;
}

/** The profile of a signed-in archer over a fake API answering `reply`. */
async function profileScreen(reply: (sent: Sent) => Response) {
  localStorage.setItem(
    AUTH_STORAGE_KEY,
    JSON.stringify({ access_token: "t", token_type: "bearer", expires_at: "2030-01-01T00:00:00Z", archer_id: archer.id }),
  );
  const requests: Sent[] = [];
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    fetch: async (request) => {
      const text = await request.clone().text();
      const sent = { method: request.method, body: text === "" ? null : JSON.parse(text), ifMatch: request.headers.get("If-Match") };
      requests.push(sent);
      return reply(sent);
    },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/", name: "home", component: { template: "<p>home</p>" } },
      { path: "/profile", component: ProfileView },
      { path: "/tokens", component: { template: "<p>tokens</p>" } },
    ],
  });
  await router.push("/profile");
  const wrapper = mount(ProfileView, { global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: api } } });
  await flushPromises();
  return { wrapper, requests };
}

function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll("label").find((candidate) => candidate.text() === text);
  if (label === undefined) throw new Error(`No field labelled ${text}`);
  return wrapper.find(`#${label.attributes("for")}`);
}

async function changeFirstName(wrapper: VueWrapper, name: string): Promise<void> {
  await byLabel(wrapper, "First name").setValue(name);
  await wrapper.find("form").trigger("submit");
  await flushPromises();
}

describe("ProfileView", () => {
  afterEach(() => localStorage.clear());

  it("links to the access tokens", async () => {
    const { wrapper } = await profileScreen(() => json(archer, 200, { ETag: '"v1"' }));
    expect(wrapper.find('a[href="/tokens"]').text()).toBe("Manage access tokens");
  });

  it("changes the profile only if it is still the version loaded, then goes on from the new one", async () => {
    let version = 1;
    const { wrapper, requests } = await profileScreen(({ method, body }) => {
      if (method === "PATCH") version += 1;
      return json({ ...archer, ...(body as object) }, 200, { ETag: `"v${version}"` });
    });
    await changeFirstName(wrapper, "Marian");
    await changeFirstName(wrapper, "Maid Marian");

    const patches = requests.filter(({ method }) => method === "PATCH");
    expect(patches).toEqual([
      { method: "PATCH", body: { first_name: "Marian" }, ifMatch: '"v1"' },
      { method: "PATCH", body: { first_name: "Maid Marian" }, ifMatch: '"v2"' },
    ]);
    expect(wrapper.text()).toContain("Your changes are saved.");
  });

  it("says the profile changed elsewhere on a 412, and reloads it on request", async () => {
    const elsewhere = { ...archer, last_name: "of Locksley", draw_weight_lb: 50 };
    let current = { archer, etag: '"v1"' };
    const { wrapper, requests } = await profileScreen(({ method }) => {
      if (method === "PATCH") {
        // Another device saved first.
        current = { archer: elsewhere, etag: '"v2"' };
        const stale = problem(412, "precondition_failed", "The resource has changed since the ETag in If-Match was read.");
        return json(stale, 412);
      }
      return json(current.archer, 200, { ETag: current.etag });
    });
    await changeFirstName(wrapper, "Marian");

    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain("Your profile was changed elsewhere since this page loaded, so nothing was saved.");
    expect(wrapper.text()).not.toContain("Your changes are saved.");

    await alert.find("button").trigger("click");
    await flushPromises();
    expect((byLabel(wrapper, "Last name").element as HTMLInputElement).value).toBe("of Locksley");
    expect((byLabel(wrapper, "First name").element as HTMLInputElement).value).toBe("Robin");
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);

    // The next change is made against the reloaded version.
    await changeFirstName(wrapper, "Marian");
    expect(requests.filter(({ method }) => method === "PATCH").at(-1)?.ifMatch).toBe('"v2"');
  });
});
