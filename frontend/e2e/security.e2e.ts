// Any host, any port, and nothing refused: /docs "Try it out" calls the server the page came
// from (the contract's `servers` is relative, and the suite's server listens on a free port),
// and neither the app nor the docs do anything their Content-Security-Policy refuses.
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";

import { baseUrl, registerArcher, useBrowser, type TestArcher } from "./harness";

const browsers = useBrowser();

/** Every CSP violation any page of `context` reports, as "directive blocked-uri". */
async function recordViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("reportCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  // Chromium also says so on the console ("Refused to ..."), including for what no event covers.
  context.on("console", (message) => {
    if (message.text().startsWith("Refused to")) violations.push(message.text());
  });
  return violations;
}

async function openOperation(page: Page, operationId: string, tag: string) {
  await page.goto("/docs");
  const operation = page.locator(`#operations-${tag}-${operationId}`);
  await operation.locator(".opblock-summary").click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  return operation;
}

/** A session with a slot and an end shot, so that its screens show a face, arrows and figures. */
async function practised(archer: TestArcher): Promise<string> {
  const session = await archer.api.POST("/api/v0/session", {
    body: { is_opened: true, start_time: new Date().toISOString(), location: "CSP range", is_indoor: false, distance: 70 },
  });
  if (session.data === undefined) throw new Error(JSON.stringify(session.error));
  const sessionId = session.data.id;
  const slot = await archer.api.POST("/api/v0/session/{session_id}/slot", {
    params: { path: { session_id: sessionId } },
    body: { distance: 70, face_type: "wa_122", arrows_per_end: 6 },
  });
  if (slot.data === undefined) throw new Error(JSON.stringify(slot.error));
  const shots = await archer.api.POST("/api/v0/slot/{slot_id}/shot", {
    params: { path: { slot_id: slot.data.id } },
    body: { arrows: [0, 40, 80, 120, 160, 200].map((x) => ({ x_mm: x, y_mm: -x / 2 })) },
  });
  if (shots.data === undefined) throw new Error(JSON.stringify(shots.error));
  return sessionId;
}

describe("the API documentation", () => {
  test("Try it out calls the server the page was served from, on its own port", async () => {
    const served = new URL(baseUrl());
    expect(served.port).not.toBe("8000");
    const context = await browsers.desktop();
    const page = await context.newPage();
    const getFace = await openOperation(page, "getFace", "face");
    // The example ETag would be sent as If-None-Match; this call wants the face itself.
    await getFace.locator('input[placeholder="If-None-Match"]').fill("");
    await getFace.getByRole("button", { name: "Execute" }).click();
    const status = getFace.locator(".live-responses-table tr.response td.response-col_status");
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe("200");
    expect(await getFace.locator(".request-url pre").textContent()).toBe(`${served.origin}/api/v0/face/wa_122`);
  });
});

describe("the Content-Security-Policy", () => {
  test("the app's screens and the docs load nothing it refuses, and a refusal would be seen", async () => {
    const archer = await registerArcher();
    const sessionId = await practised(archer);
    const context = await browsers.desktop({ signedInAs: archer.token });
    const violations = await recordViolations(context);
    const page = await context.newPage();
    for (const path of [
      "/",
      "/profile",
      "/equipment",
      "/practice/new",
      `/session/${sessionId}`,
      `/session/${sessionId}/board`,
      "/history",
      `/history/${sessionId}`,
      "/faces",
    ]) {
      await page.goto(path, { waitUntil: "networkidle" });
      await page.locator("main#main > *").first().waitFor();
    }
    const getFace = await openOperation(page, "getFace", "face");
    await getFace.getByRole("button", { name: "Execute" }).click();
    await getFace.locator(".live-responses-table tr.response").waitFor();
    expect(violations).toEqual([]);

    // The control: an inline style attribute is refused, and the recording sees it.
    await page.goto("/faces");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>'));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toContain("style-src");
  });

  test("signing in and up loads nothing it refuses", async () => {
    const context = await browsers.phone();
    const violations = await recordViolations(context);
    const page = await context.newPage();
    for (const path of ["/signin", "/signup"]) {
      await page.goto(path, { waitUntil: "networkidle" });
      await page.locator("main#main > *").first().waitFor();
    }
    expect(violations).toEqual([]);
  });
});
