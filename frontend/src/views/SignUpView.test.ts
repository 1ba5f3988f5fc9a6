// @vitest-environment happy-dom
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { createMemoryHistory, createRouter } from "vue-router";
import { afterEach, describe, expect, it } from "vitest";

import { createApiClient } from "../api/client";
import { apiKey } from "../api/inject";
import { archerFixture as archer, json, problem } from "../api/testing";
import SignUpView from "./SignUpView.vue";

/** The sign-up screen over a fake API answering `reply`; every request is kept in `requests`. */
async function signUpScreen(reply: (request: Request) => Response, query = "") {
  const requests: { method: string; path: string; body: unknown }[] = [];
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    fetch: async (request) => {
      // The sign-in providers (Google's button, tested on its own): none here.
      if (new URL(request.url).pathname === "/api/v0/auth/providers") return json({ items: [] }, 200);
      const text = await request.clone().text();
      requests.push({ method: request.method, path: new URL(request.url).pathname, body: text === "" ? null : JSON.parse(text) });
      return reply(request);
    },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/", name: "home", component: { template: "<p>home</p>" } },
      { path: "/signin", name: "signin", component: { template: "<p>sign in</p>" } },
      { path: "/signup", name: "signup", component: SignUpView },
      { path: "/equipment", name: "equipment", component: { template: "<p>equipment</p>" } },
    ],
  });
  await router.push(`/signup${query}`);
  const wrapper = mount(SignUpView, { global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: api } } });
  return { wrapper, router, requests };
}

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof signUpScreen>>["wrapper"]) {
  const byLabel = (text: string) => {
    const label = wrapper.findAll("label").find((candidate) => candidate.text() === text);
    if (label === undefined) throw new Error(`No field labelled ${text}`);
    return wrapper.find(`#${label.attributes("for")}`);
  };
  await byLabel("Email").setValue("robin@example.org");
  await byLabel("Password").setValue("sherwood-forest");
  await byLabel("First name").setValue("Robin");
  await byLabel("Last name").setValue("Hood");
  await byLabel("Bowstyle").setValue("longbow");
  await byLabel("Draw weight (lb)").setValue("45");
  await wrapper.find("form").trigger("submit");
  await flushPromises();
  return byLabel;
}

/** The texts an input's aria-describedby points at: its hint, then its error. */
function descriptionsOf(wrapper: Awaited<ReturnType<typeof signUpScreen>>["wrapper"], input: { attributes(name: string): string | undefined }) {
  return (input.attributes("aria-describedby") ?? "").split(" ").filter(Boolean).map((id) => wrapper.find(`#${id}`).text());
}

describe("SignUpView", () => {
  afterEach(() => localStorage.clear());

  it("shows the contract's constraints before anything is sent", async () => {
    const { wrapper } = await signUpScreen(() => json({}, 500));
    const password = wrapper.find('input[type="password"]');
    expect(password.attributes()).toMatchObject({ minlength: "8", maxlength: "128", required: "" });
    expect(descriptionsOf(wrapper, password)).toEqual(["8–128 characters"]);
    expect(wrapper.text()).toContain("greater than 0, at most 120 lb");
  });

  it("shows a 422 problem's field message next to its field and the detail above the button", async () => {
    const invalid = problem(422, "validation_failed", "The request is invalid: /draw_weight_lb.", [
      { pointer: "/draw_weight_lb", detail: "Input should be less than or equal to 120" },
    ]);
    const { wrapper, router } = await signUpScreen(() => json(invalid, 422));
    const byLabel = await fillAndSubmit(wrapper);

    expect(descriptionsOf(wrapper, byLabel("Draw weight (lb)"))).toEqual([
      "greater than 0, at most 120 lb",
      "Input should be less than or equal to 120",
    ]);
    expect(byLabel("Draw weight (lb)").attributes("aria-invalid")).toBe("true");
    expect(wrapper.find(".alert").text()).toBe("The request is invalid: /draw_weight_lb.");
    expect(router.currentRoute.value.name).toBe("signup");
  });

  it("shows the 409 duplicate-email detail next to the email and does not sign in", async () => {
    const taken = problem(409, "email_taken", "An archer with this email already exists.");
    const { wrapper, requests } = await signUpScreen(() => json(taken, 409));
    const byLabel = await fillAndSubmit(wrapper);

    expect(descriptionsOf(wrapper, byLabel("Email"))).toContain("An archer with this email already exists.");
    expect(requests.map((request) => request.path)).toEqual(["/api/v0/archer"]);
  });

  it("sends every field, signs in and goes where the archer was heading", async () => {
    const token = { access_token: "t", token_type: "bearer", expires_at: "2030-01-01T00:00:00Z", archer_id: archer.id };
    const { wrapper, router, requests } = await signUpScreen((request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/v0/archer") return json(archer, 201);
      if (path === "/api/v0/auth/login") return json(token, 200);
      return json(archer, 200);
    }, "?redirect=/equipment");
    await fillAndSubmit(wrapper);

    expect(requests[0]?.body).toEqual({
      email: "robin@example.org",
      password: "sherwood-forest",
      first_name: "Robin",
      last_name: "Hood",
      bowstyle: "longbow",
      draw_weight_lb: 45,
    });
    expect(requests[1]).toMatchObject({ path: "/api/v0/auth/login", body: { email: "robin@example.org", password: "sherwood-forest" } });
    expect(router.currentRoute.value.fullPath).toBe("/equipment");
  });
});
