// The app shell as served: deep links, the API's own errors, and a sign-in that survives reloads.
import { describe, expect, test } from "vitest";

import { checkA11y, registerArcher, snap, storedToken, untilServiceWorkerActive, useBrowser } from "./harness";

const browsers = useBrowser();

describe("serving the app", () => {
  test("a deep link loads the app, reloads, and sends a signed-out visitor to sign in", async () => {
    const page = await (await browsers.phone()).newPage();
    const response = await page.goto("/history");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("redirect") === "/history");

    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(new URL(page.url()).searchParams.get("redirect")).toBe("/history");
    await checkA11y(page, "sign-in");
    await snap(page, "sign-in");
  });

  test("an unknown API path is still the API's problem+json, even with the app installed", async () => {
    const page = await (await browsers.phone()).newPage();
    await page.goto("/");
    // Once a service worker controls the origin, it must not answer API navigations itself.
    await untilServiceWorkerActive(page);
    const response = await page.goto("/api/v0/does-not-exist");
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-type"]).toBe("application/problem+json");
    expect(await response?.json()).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("the signed-in state", () => {
  test("survives a reload, and a revoked token signs the app out", async () => {
    const archer = await registerArcher();
    const page = await (await browsers.phone({ signedInAs: archer.token })).newPage();
    const nav = page.getByRole("navigation", { name: "Main" });

    await page.goto("/history");
    await nav.getByRole("link", { name: "History" }).waitFor();
    await page.reload();
    await nav.getByRole("link", { name: "History" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/history");
    await snap(page, "history-signed-in");

    // Revoked elsewhere: the next request the app makes with it answers 401.
    const { response } = await archer.api.POST("/api/v0/auth/logout");
    expect(response.status).toBe(204);
    await page.reload();
    await nav.getByRole("link", { name: "Sign in" }).waitFor();
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("redirect") === "/history");
    expect(await storedToken(page)).toBeNull();
  });
});
