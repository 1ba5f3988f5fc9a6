// The core flow on a phone, as a new archer lives it: sign up, start a WA 720 practice, plot an
// end by tapping, correct it, reload, be watched live by a second archer, lose the network
// mid-end, and find the session in the history — with axe and a screenshot on every screen.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";

import type { Shot } from "../src/api/client";
import { api, checkA11y, PASSWORD, registerArcher, snap, untilServiceWorkerActive, useBrowser, type TestArcher } from "./harness";

const browsers = useBrowser();

/** Where to tap, in mm from the face centre (y up), with what the server must score there. */
interface Aim {
  x_mm: number;
  y_mm: number;
}

// WA 122 cm face, 5.5 mm arrow (no arrow set, outdoors): the 10 ring's line is at 61 mm, so an
// arrow touches it up to 63.75 mm from the centre. The first two aims are 0.05 mm either side.
const LINE_INSIDE: Aim = { x_mm: 63.7, y_mm: 0 };
const LINE_OUTSIDE: Aim = { x_mm: -63.8, y_mm: 0 };
// The others at least 35 mm apart, so that a tap never lands on an earlier arrow's marker.
const FIRST_END: Aim[] = [LINE_INSIDE, LINE_OUTSIDE, { x_mm: 0, y_mm: 150 }, { x_mm: 0, y_mm: -250 }, { x_mm: 200, y_mm: 200 }, { x_mm: -150, y_mm: -150 }];

/** Taps the face at a point given in mm, through the SVG's own transform (fractional pixels). */
async function tapFace(page: Page, aim: Aim): Promise<void> {
  const face = page.getByTestId("target-face");
  await face.scrollIntoViewIfNeeded();
  const point = await face.evaluate((svg, target) => {
    const matrix = (svg as SVGSVGElement).getScreenCTM();
    if (matrix === null) throw new Error("the face is not rendered");
    // The contract's y is up; SVG's is down.
    const p = new DOMPoint(target.x_mm, 0 - target.y_mm).matrixTransform(matrix);
    return { x: p.x, y: p.y };
  }, aim);
  await page.touchscreen.tap(point.x, point.y);
}

async function storedShots(archer: TestArcher, slotId: string): Promise<Shot[]> {
  const { data, error } = await archer.api.GET("/api/v0/slot/{slot_id}/shot", {
    params: { path: { slot_id: slotId }, query: { limit: 500 } },
  });
  if (data === undefined) throw new Error(JSON.stringify(error));
  return data.items;
}

/** Waits until the server holds `count` arrows for the slot and no marker is pending. */
async function untilStored(page: Page, archer: TestArcher, slotId: string, count: number): Promise<Shot[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const shots = await storedShots(archer, slotId);
    const pending = await page.locator('[data-testid="arrow-marker"][aria-label$="pending"]').count();
    if (shots.length === count && pending === 0) return shots;
    if (Date.now() > deadline) throw new Error(`expected ${count} stored arrows, have ${shots.length} (${pending} pending)`);
    await page.waitForTimeout(100);
  }
}

async function mySlotId(archer: TestArcher, sessionId: string): Promise<string> {
  const { data } = await archer.api.GET("/api/v0/session/{session_id}/slot", { params: { path: { session_id: sessionId } } });
  const slot = data?.items.find((candidate) => candidate.archer_id === archer.id);
  if (slot === undefined) throw new Error("no slot for the archer");
  return slot.id;
}

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).trim();
}

describe("a practice on a phone", () => {
  test("sign up, score a WA 720 end by tapping, correct it, reload, be watched live, go offline, find it in history", async () => {
    const context = await browsers.phone();
    const page = await context.newPage();

    // --- Sign up, with every field of the contract.
    const email = `robin-${crypto.randomUUID().slice(0, 8)}@example.org`;
    await page.goto("/signup");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("First name").fill("Robin");
    await page.getByLabel("Last name").fill("Hood");
    await page.getByLabel("Bowstyle").selectOption("recurve");
    await page.getByLabel("Draw weight (lb)").fill("38");
    await checkA11y(page, "sign-up");
    await snap(page, "sign-up");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Hello, Robin" }).waitFor();
    await checkA11y(page, "home");
    await snap(page, "home");
    const loggedIn = await registerArcherLogin(email);

    // --- Start a WA 720 (70 m) practice.
    await page.getByRole("link", { name: "Start a practice" }).click();
    await page.getByLabel("Location").fill("Sherwood range");
    await page.getByLabel("Search rounds").fill("720");
    await page.getByRole("button", { name: "Choose WA 70m", exact: true }).click();
    await checkA11y(page, "new-practice");
    await snap(page, "new-practice");
    await page.getByRole("button", { name: "Start practice" }).click();
    await page.waitForURL(/\/session\/[0-9a-f-]{36}$/);
    const sessionId = new URL(page.url()).pathname.split("/")[2] ?? "";
    expect(await textOf(page, "slot-place")).toMatch(/Lane 1\s*·\s*Letter A/);
    await page.getByTestId("target-face").waitFor();
    const slotId = await mySlotId(loggedIn, sessionId);

    // --- Plot an end of six by tapping; the screen shows the server's scores.
    for (const [index, aim] of FIRST_END.entries()) {
      await tapFace(page, aim);
      await untilStored(page, loggedIn, slotId, index + 1);
    }
    const stored = await storedShots(loggedIn, slotId);
    stored.forEach((shot, index) => {
      const aim = FIRST_END[index];
      expect(shot.x_mm).toBeCloseTo(aim?.x_mm ?? NaN, 1);
      expect(Math.abs((shot.x_mm ?? NaN) - (aim?.x_mm ?? NaN))).toBeLessThan(0.02);
      expect(Math.abs((shot.y_mm ?? NaN) - (aim?.y_mm ?? NaN))).toBeLessThan(0.02);
    });
    expect(stored[0]?.value_label).toBe("10"); // 0.05 mm inside the line: the higher zone
    expect(stored[1]?.value_label).toBe("9"); // 0.05 mm outside it
    const shownLabels = await page.getByTestId("arrow-marker").evaluateAll((markers) =>
      markers.map((marker) => marker.getAttribute("aria-label") ?? ""),
    );
    expect(shownLabels.map((label) => label.split(": ")[1]).sort()).toEqual(stored.map((shot) => shot.value_label).sort());
    const endTotal = stored.reduce((sum, shot) => sum + shot.value, 0);
    expect(await textOf(page, "end-total")).toBe(String(endTotal));
    expect(await textOf(page, "running-total")).toBe(String(endTotal));
    expect(await textOf(page, "round-progress")).toMatch(/End 1 of 12/);
    await checkA11y(page, "scoring");
    await snap(page, "scoring-first-end");

    // --- Edit an arrow's value, then delete another.
    const third = stored[2];
    const fourth = stored[3];
    if (third === undefined || fourth === undefined) throw new Error("missing arrows");
    await page.getByTestId("end-arrow").filter({ hasText: third.value_label }).first().click();
    await page.getByRole("region", { name: "Selected arrow" }).getByRole("button", { name: "Edit value" }).click();
    await page.getByRole("region", { name: "Selected arrow" }).getByRole("button", { name: "Score 5", exact: true }).click();
    await waitUntil(async () => (await storedShots(loggedIn, slotId)).find((shot) => shot.id === third.id)?.value_label === "5");
    await page.getByTestId("end-arrow").filter({ hasText: fourth.value_label }).first().click();
    await page.getByRole("region", { name: "Selected arrow" }).getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete arrow" }).click();
    await waitUntil(async () => (await storedShots(loggedIn, slotId)).length === 5);
    const afterEdits = await storedShots(loggedIn, slotId);
    const editedTotal = afterEdits.reduce((sum, shot) => sum + shot.value, 0);
    await waitUntil(async () => (await textOf(page, "running-total")) === String(editedTotal));

    // --- Reload: still signed in, the same arrows and totals.
    await page.reload();
    await page.getByTestId("target-face").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).waitFor();
    await waitUntil(async () => (await textOf(page, "running-total")) === String(editedTotal));
    expect(await page.getByTestId("end-arrow").count()).toBe(5);

    // --- A second archer joins by the session's link and sees the next arrow live.
    const friend = await registerArcher({ first_name: "Marian", last_name: "Fitzwalter" });
    const friendPage = await (await browsers.phone({ signedInAs: friend.token })).newPage();
    await friendPage.goto(`/session/${sessionId}`);
    await friendPage.getByRole("button", { name: "Join the session" }).waitFor();
    await checkA11y(friendPage, "join-by-link");
    await snap(friendPage, "join-by-link");
    await friendPage.getByLabel("Search rounds").fill("720");
    await friendPage.getByRole("button", { name: "Choose WA 70m", exact: true }).click();
    await friendPage.getByRole("button", { name: "Join the session" }).click();
    await friendPage.getByTestId("slot-place").waitFor();
    expect(await textOf(friendPage, "slot-place")).toMatch(/Lane 1\s*·\s*Letter B/);
    const robinOnFriendsBoard = friendPage.getByTestId("session-leaderboard").getByRole("listitem").filter({ hasText: "Robin Hood" });
    await robinOnFriendsBoard.filter({ hasText: "5 arrows" }).waitFor();
    await page.getByTestId("live-state").filter({ hasText: "live" }).waitFor();

    // A deleted arrow's place stays empty: this arrow opens end 2.
    const tappedAt = Date.now();
    await tapFace(page, { x_mm: 0, y_mm: -250 });
    await robinOnFriendsBoard.filter({ hasText: "6 arrows" }).waitFor({ timeout: 2_000 });
    const liveLagMs = Date.now() - tappedAt;
    expect(liveLagMs).toBeLessThan(2_000);
    await untilStored(page, loggedIn, slotId, 6);
    await snap(friendPage, "watched-live");

    // The range board, as a club's TV shows it.
    await friendPage.goto(`/session/${sessionId}/board`);
    await friendPage.getByTestId("board-cell-1A").waitFor();
    await checkA11y(friendPage, "range-board");
    await snap(friendPage, "range-board");

    // --- Offline mid-end: three arrows kept on the phone, sent once the network is back.
    await untilServiceWorkerActive(page);
    await context.setOffline(true);
    await page.getByRole("status").filter({ hasText: "Offline" }).first().waitFor();
    for (const aim of [{ x_mm: 0, y_mm: 0 }, { x_mm: 120, y_mm: -40 }, { x_mm: -120, y_mm: 60 }]) {
      await tapFace(page, aim);
    }
    await page.locator('[data-testid="arrow-marker"][aria-label$="pending"]').nth(2).waitFor();
    expect(await page.locator('[data-testid="arrow-marker"][aria-label$="pending"]').count()).toBe(3);
    await checkA11y(page, "scoring-offline");
    await snap(page, "scoring-offline");
    expect((await storedShots(loggedIn, slotId)).length).toBe(6);
    // A phone at the range reloads: the app, the face, the stored and the pending arrows are
    // all there without a network (service worker, last-known answers, the queue).
    await page.reload();
    await page.getByTestId("last-known-note").waitFor();
    await page.locator('[data-testid="arrow-marker"][aria-label$="pending"]').nth(2).waitFor();
    expect(await page.locator('[data-testid="arrow-marker"][aria-label$="pending"]').count()).toBe(3);
    await snap(page, "scoring-offline-reloaded");
    await context.setOffline(false);
    const afterOffline = await untilStored(page, loggedIn, slotId, 9);
    await page.getByTestId("last-known-note").waitFor({ state: "detached" });
    expect(afterOffline.slice(5).map((shot) => shot.end_number)).toEqual([2, 2, 2, 2]);
    // Retries may have happened; the keys make them safe: nothing is stored twice.
    await page.waitForTimeout(1_000);
    expect((await storedShots(loggedIn, slotId)).length).toBe(9);

    // --- History shows the session with the server's total.
    const { data: statistics } = await loggedIn.api.GET("/api/v0/slot/{slot_id}/statistics", {
      params: { path: { slot_id: slotId } },
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
    const row = page.getByRole("list", { name: "Sessions" }).getByRole("listitem").filter({ hasText: "Sherwood range" });
    await row.getByTestId("history-score").filter({ hasText: `${statistics?.total_score} / ` }).waitFor();
    await checkA11y(page, "history");
    await snap(page, "history");
    await row.getByRole("link").first().click();
    await page.getByTestId("stat-total").waitFor();
    expect(await textOf(page, "stat-total")).toContain(String(statistics?.total_score));
    await checkA11y(page, "history-detail");
    await snap(page, "history-detail");

    // --- The dark theme keeps the face's colours and passes axe too.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/session/${sessionId}`);
    await page.getByTestId("arrow-marker").first().waitFor();
    await checkA11y(page, "scoring-dark");
    await snap(page, "scoring-dark");
  });
});

/** The archer the UI just signed up, logged in again through the API to check what is stored. */
async function registerArcherLogin(email: string): Promise<TestArcher> {
  const login = await api().POST("/api/v0/auth/login", { body: { email, password: PASSWORD } });
  if (login.data === undefined) throw new Error(JSON.stringify(login.error));
  return { id: login.data.archer_id, email, password: PASSWORD, token: login.data, api: api(login.data.access_token) };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
