// The account's screens of issue 10. What an integrator does first: make a personal access token
// in the app, copy it from the page, and call the API with it, which lets it do what its scopes
// say and nothing else. The sign-in pages of a server without Google sign-in: no button, and
// nothing fetched from Google. A profile changed on two devices: the second save is refused.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";

import { api, baseUrl, checkA11y, registerArcher, snap, useBrowser, type TestArcher } from "./harness";

const browsers = useBrowser();

/** An open session with a free-practice slot for the archer, to record arrows into. */
async function slotOf(archer: TestArcher): Promise<string> {
  const session = await archer.api.POST("/api/v0/session", {
    body: { is_opened: true, start_time: new Date().toISOString(), location: "Club field", is_indoor: false, distance: 70 },
  });
  if (session.data === undefined) throw new Error(JSON.stringify(session.error));
  const slot = await archer.api.POST("/api/v0/session/{session_id}/slot", {
    params: { path: { session_id: session.data.id } },
    body: { distance: 70, face_type: "wa_122", arrows_per_end: 6 },
  });
  if (slot.data === undefined) throw new Error(JSON.stringify(slot.error));
  return slot.data.id;
}

/** Creates a token through the form and returns its secret as the Copy button put it on the clipboard. */
async function createInTheApp(page: Page, name: string, scopes: string[], expiry: string): Promise<string> {
  await page.getByLabel("Name").fill(name);
  for (const scope of scopes) await page.getByRole("checkbox", { name: scope }).check();
  await page.getByRole("radio", { name: expiry }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByRole("heading", { name: "Copy your new token now" }).waitFor();
  await page.getByRole("button", { name: "Copy token" }).click();
  await page.getByText("Copied to the clipboard.").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // What was copied is what the page shows, once.
  expect(copied).toBe((await page.getByTestId("token-secret").textContent())?.trim());
  return copied;
}

describe("personal access tokens", () => {
  test("made in the app, copied from the page, and held to their scopes by the API", async () => {
    const archer = await registerArcher();
    const slotId = await slotOf(archer);
    const context = await browsers.phone({ signedInAs: archer.token });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
    const page = await context.newPage();

    // From the profile, where an archer looks for account settings.
    await page.goto("/profile");
    await page.getByRole("link", { name: "Manage access tokens" }).click();
    await page.waitForURL((url) => url.pathname === "/tokens");
    await page.getByText("No access tokens yet.").waitFor();
    await checkA11y(page, "tokens-empty");

    const scorer = await createInTheApp(page, "Scoring tablet", ["shots:write"], "30 days");
    expect(scorer).toMatch(/^qvr_pat_[A-Za-z0-9_-]{43}$/);
    await checkA11y(page, "tokens-secret");
    await snap(page, "tokens-secret");
    await page.getByRole("button", { name: "Done" }).click();
    expect(await page.getByTestId("token-secret").count()).toBe(0);

    const reader = await createInTheApp(page, "Profile reader", ["profile:read"], "Never");
    await page.getByRole("button", { name: "Done" }).click();

    // The list: both, newest first, by hint only.
    const items = page.getByRole("list", { name: "Your tokens" }).getByRole("article");
    expect(await items.evaluateAll((articles) => articles.map((article) => article.getAttribute("aria-label")))).toEqual([
      "Profile reader",
      "Scoring tablet",
    ]);
    const listed = await page.getByRole("list", { name: "Your tokens" }).textContent();
    expect(listed).toContain(`qvr_pat_...${scorer.slice(-4)}`);
    expect(listed).not.toContain(scorer);
    await checkA11y(page, "tokens-list");
    await snap(page, "tokens-list");

    // shots:write records an arrow, and cannot read the profile.
    const asScorer = api(scorer);
    const recorded = await asScorer.POST("/api/v0/slot/{slot_id}/shot", {
      params: { path: { slot_id: slotId } },
      body: { arrows: [{ x_mm: 3, y_mm: -8 }] },
    });
    expect(recorded.response.status).toBe(201);
    expect(recorded.data?.items[0]?.value).toBe(10);
    const refused = await fetch(`${baseUrl()}/api/v0/archer/me`, { headers: { Authorization: `Bearer ${scorer}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "insufficient_scope" });
    expect(refused.headers.get("WWW-Authenticate")).toContain('scope="profile:read"');

    // profile:read reads it.
    const me = await fetch(`${baseUrl()}/api/v0/archer/me`, { headers: { Authorization: `Bearer ${reader}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: archer.id, email: archer.email });

    // Revoked in the app: refused at once.
    await page.getByRole("button", { name: "Revoke Scoring tablet" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “Scoring tablet”?" });
    await checkA11y(page, "tokens-revoke");
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await items.count()).toBe(1);
    const afterRevoke = await asScorer.POST("/api/v0/slot/{slot_id}/shot", {
      params: { path: { slot_id: slotId } },
      body: { arrows: [{ x_mm: 0, y_mm: 0 }] },
    });
    expect(afterRevoke.response.status).toBe(401);

    // Still listed on a fresh load, with when it was last used.
    await page.reload();
    const lastUsed = page.getByRole("article", { name: "Profile reader" }).locator("dt:text-is('Last used') + dd");
    expect(await lastUsed.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe("sign-in without Google", () => {
  test("the server lists no provider: no Google button, and nothing is fetched from Google", async () => {
    const page = await (await browsers.phone()).newPage();
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl())) elsewhere.push(request.url());
    });
    for (const path of ["/signin", "/signup"]) {
      const providers = page.waitForResponse((response) => response.url().endsWith("/api/v0/auth/providers"));
      await page.goto(path);
      expect(await (await providers).json()).toEqual({ items: [] });
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.getByTestId("google-button").count()).toBe(0);
    }
    expect(elsewhere).toEqual([]);
    expect(await page.evaluate(() => "google" in window)).toBe(false);
  });
});

describe("the profile on two devices", () => {
  test("a save over a change made elsewhere is refused until the profile is reloaded", async () => {
    const archer = await registerArcher({ first_name: "Robin" });
    const page = await (await browsers.phone({ signedInAs: archer.token })).newPage();
    await page.goto("/profile");
    const firstName = page.getByLabel("First name");
    const lastName = page.getByLabel("Last name");
    await firstName.waitFor();

    // A save goes through, and the next one is made against what it answered.
    await lastName.fill("of Sherwood");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your changes are saved.").waitFor();
    await firstName.fill("Robert");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your changes are saved.").waitFor();

    // Another device changes the profile; this page still shows the older one.
    const elsewhere = await archer.api.PATCH("/api/v0/archer/me", { body: { draw_weight_lb: 50 } });
    expect(elsewhere.response.status).toBe(200);
    await lastName.fill("of Locksley");
    await page.getByRole("button", { name: "Save changes" }).click();
    const stale = page.getByRole("alert").filter({ hasText: "changed elsewhere" });
    await stale.waitFor();
    await checkA11y(page, "profile-changed-elsewhere");
    expect((await archer.api.GET("/api/v0/archer/me")).data).toMatchObject({ last_name: "of Sherwood", draw_weight_lb: 50 });

    await stale.getByRole("button", { name: "Reload profile" }).click();
    await stale.waitFor({ state: "detached" });
    expect(await page.getByLabel("Draw weight (lb)").inputValue()).toBe("50");
    expect(await lastName.inputValue()).toBe("of Sherwood");
    await lastName.fill("of Locksley");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your changes are saved.").waitFor();
    expect((await archer.api.GET("/api/v0/archer/me")).data).toMatchObject({
      first_name: "Robert",
      last_name: "of Locksley",
      draw_weight_lb: 50,
    });
  });
});
