// Progress over time on a phone: an archer signs up, shoots a Bray I (a standard round, so a
// handicap and a personal best) and a free practice in another week through the API, with
// numbered arrows of which one flies off; then the progress page shows the volume, the trend,
// the handicap, the personal bests, the heatmap and the ranking; the session's history shows the
// group ellipse and the handicap, and its CSV download and printable score sheet hold every arrow.
import { readFileSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";

import type { PlottedArrow, Shot } from "../src/api/client";
import { checkA11y, registerArcher, snap, useBrowser, type TestArcher } from "./harness";

const browsers = useBrowser();

const DAY_MS = 86_400_000;

/** A deterministic spread of `count` numbers in [-1, 1] (no randomness in a test). */
function wobble(index: number): number {
  return Math.sin(index * 12.9898) * 0.999;
}

/**
 * Ends of three numbered arrows on the 40 cm face: arrows 1 and 2 group round the centre,
 * arrow 3 lands about 45 mm right of them, every time.
 */
function plottedEnds(ends: number): PlottedArrow[][] {
  return Array.from({ length: ends }, (_, end) =>
    [1, 2, 3].map((number) => {
      const i = end * 3 + number;
      return {
        x_mm: Math.round((wobble(i) * 12 + (number === 3 ? 45 : 0)) * 100) / 100,
        y_mm: Math.round(wobble(i + 100) * 12 * 100) / 100,
        arrow_number: number,
      };
    }),
  );
}

async function ok<T>(answer: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data, error } = await answer;
  if (data === undefined) throw new Error(JSON.stringify(error));
  return data;
}

/** A session started `daysAgo`, with the archer's slot; its ends shot through the REST API. */
async function shootSession(
  archer: TestArcher,
  options: { daysAgo: number; location: string; join: Record<string, unknown>; ends: PlottedArrow[][] },
): Promise<{ sessionId: string; slotId: string; shots: Shot[] }> {
  const session = await ok(
    archer.api.POST("/api/v0/session", {
      body: {
        is_opened: true,
        start_time: new Date(Date.now() - options.daysAgo * DAY_MS).toISOString(),
        location: options.location,
        is_indoor: true,
        distance: 18,
      },
    }),
  );
  const slot = await ok(
    archer.api.POST("/api/v0/session/{session_id}/slot", {
      params: { path: { session_id: session.id } },
      body: options.join as never,
    }),
  );
  return { sessionId: session.id, slotId: slot.id, shots: await shootEnds(archer, slot.id, options.ends) };
}

async function shootEnds(archer: TestArcher, slotId: string, ends: PlottedArrow[][]): Promise<Shot[]> {
  const shots: Shot[] = [];
  for (const arrows of ends) {
    const created = await ok(archer.api.POST("/api/v0/slot/{slot_id}/shot", { params: { path: { slot_id: slotId } }, body: { arrows } }));
    shots.push(...created.items);
  }
  return shots;
}

/** RFC 4180 rows (quoted fields with "" escapes, CRLF or LF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).trim();
}

describe("progress on a phone", () => {
  test("volume, handicap, personal bests, heatmap and ranking; the session's ellipse, CSV and score sheet", async () => {
    const archer = await registerArcher({ first_name: "Hana", last_name: "Kovač", gender: "female", date_of_birth: "1990-04-02" });
    const arrowSet = await ok(
      archer.api.POST("/api/v0/arrow_set", { body: { name: "Indoor X7", shaft_diameter_mm: 9.3, arrow_count: 3 } }),
    );
    // A Bray I (30 arrows at 20 yd on the 40 cm face, ends of 3) two weeks ago: complete, so a
    // handicap and a personal best. A free practice of 30 arrows this week.
    const brayEnds = plottedEnds(10);
    const bray = await shootSession(archer, {
      daysAgo: 14,
      location: "Club hall",
      join: { round_code: "bray_i", arrow_set_id: arrowSet.id },
      ends: brayEnds.slice(0, 9),
    });
    // The last end, shot while the archer watches the range: the round's first completion is
    // a personal best, announced on the live channel.
    const context = await browsers.phone({ signedInAs: archer.token });
    const page = await context.newPage();
    await page.goto(`/session/${bray.sessionId}`);
    await page.getByTestId("live-state").filter({ hasText: "live" }).waitFor();
    bray.shots.push(...(await shootEnds(archer, bray.slotId, brayEnds.slice(9))));
    await page.getByTestId("personal-best").filter({ hasText: "in Bray I" }).waitFor();
    await snap(page, "personal-best-announced");
    const practice = await shootSession(archer, {
      daysAgo: 0,
      location: "Garage range",
      join: { distance: 18, distance_unit: "m", face_type: "wa_40", arrows_per_end: 3, arrow_set_id: arrowSet.id },
      ends: plottedEnds(10),
    });
    const handicap = await ok(
      archer.api.GET("/api/v0/slot/{slot_id}/handicap", { params: { path: { slot_id: bray.slotId } } }),
    );
    expect(handicap.is_estimate).toBe(false);
    expect(handicap.handicap).not.toBeNull();
    const brayTotal = bray.shots.reduce((sum, shot) => sum + shot.value, 0);
    expect(await textOf(page, "personal-best")).toContain(`${brayTotal} / 300 in Bray I`);

    // --- The progress page, reached from the main navigation.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" }).click();
    await page.getByRole("heading", { name: "Progress", level: 1 }).waitFor();
    await page.getByTestId("volume-arrows").waitFor();
    expect(await textOf(page, "volume-arrows")).toBe("60");
    expect(await textOf(page, "volume-slots")).toBe("2");
    await page.getByTestId("trend").waitFor();
    expect(await textOf(page, "trend")).toMatch(/Not enough weeks for a trend/);
    await page.getByTestId("handicap-summary").filter({ hasText: "Best handicap" }).waitFor();
    expect(await textOf(page, "handicap-summary")).toContain(`Best handicap ${handicap.handicap}`);
    const roundBests = page.getByTestId("pb-rounds");
    await roundBests.waitFor();
    expect(await roundBests.innerText()).toContain("Bray I");
    expect(await roundBests.innerText()).toContain(String(brayTotal));
    expect(await page.getByTestId("pb-practice").innerText()).toContain("18 m");
    await page.getByTestId("heat-cell").first().waitFor();
    expect(await textOf(page, "heatmap-summary")).toContain("60 plotted arrows");
    await page.getByTestId("ranking-summary").waitFor();
    expect(await textOf(page, "ranking-summary")).toContain("Arrow 3 flies off the group.");
    await page.locator("canvas").first().waitFor();
    await checkA11y(page, "progress");
    await snap(page, "progress");

    // A filter narrows every panel, and lives in the URL.
    await page.getByText("Filters", { exact: true }).click();
    await page.getByLabel("Round", { exact: true }).selectOption("bray_i");
    await page.waitForURL(/round=bray_i/);
    await page.getByTestId("volume-arrows").filter({ hasText: /^30$/ }).waitFor();
    expect(await page.getByTestId("pb-practice").count()).toBe(0);
    await snap(page, "progress-filtered");

    // --- The ranking from the equipment page.
    await page.goto("/equipment");
    await page.getByRole("link", { name: "Per-arrow ranking of Indoor X7" }).click();
    await page.getByTestId("ranking-table").waitFor();
    const rows = await page.getByTestId("ranking-table").locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain("flies off");
    await checkA11y(page, "arrow-ranking");
    await snap(page, "arrow-ranking");

    // --- The Bray session's history: the group ellipse on the face, and the handicap.
    await page.goto(`/history/${bray.sessionId}`);
    await page.getByTestId("group-ellipse").first().waitFor({ state: "attached" });
    expect(await page.getByTestId("group-ellipse").locator("ellipse").count()).toBe(2);
    expect(await textOf(page, "slot-handicap")).toBe(String(handicap.handicap));
    await checkA11y(page, "history-detail-analysis");
    await snap(page, "history-detail-analysis");

    // The session's CSV, saved under the server's name, holds every arrow as stored.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^quiver-session-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = parseCsv(readFileSync(await download.path(), "utf8"));
    const [header, ...arrows] = csv;
    if (header === undefined) throw new Error("an empty CSV");
    const column = (name: string): number => header.indexOf(name);
    expect(arrows).toHaveLength(30);
    const stored = new Map(bray.shots.map((shot) => [shot.id, shot]));
    for (const row of arrows) {
      const shot = stored.get(row[column("shot_id")] ?? "");
      expect(shot).toBeDefined();
      expect(row[column("value_label")]).toBe(shot?.value_label);
      expect(Number(row[column("x_mm")])).toBe(shot?.x_mm);
      expect(Number(row[column("y_mm")])).toBe(shot?.y_mm);
      expect(Number(row[column("arrow_number")])).toBe(shot?.arrow_number);
      expect(Number(row[column("end_number")])).toBe(shot?.end_number);
    }

    // The printable score sheet opens in a new window with its print styles, under the app's CSP.
    const [sheet] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Print score sheet" }).click(),
    ]);
    await sheet.getByText("Hana Kovač").first().waitFor();
    const sheetText = await sheet.locator("body").innerText();
    expect(sheetText).toContain(String(brayTotal));
    expect(await sheet.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
    await snap(sheet, "score-sheet");
    await sheet.close();

    // The practice session's CSV too: another file, its own arrows.
    await page.goto(`/history/${practice.sessionId}`);
    const [practiceDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const practiceRows = parseCsv(readFileSync(await practiceDownload.path(), "utf8")).slice(1);
    expect(practiceRows.map((row) => row[column("shot_id")]).sort()).toEqual(practice.shots.map((shot) => shot.id).sort());
  });
});
