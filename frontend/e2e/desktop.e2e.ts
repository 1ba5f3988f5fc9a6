// The wider layout of the same screens, in both themes: axe on each, screenshots to look at.
import { describe, expect, test } from "vitest";

import { checkA11y, registerArcher, snap, useBrowser } from "./harness";

const browsers = useBrowser();

describe("on a desktop", () => {
  test("every screen of a scored practice lays out and passes axe, light and dark", async () => {
    const archer = await registerArcher();
    const session = await archer.api.POST("/api/v0/session", {
      body: { is_opened: true, start_time: new Date().toISOString(), location: "Club field", is_indoor: false, distance: 70 },
    });
    const sessionId = session.data?.id ?? "";
    const slot = await archer.api.POST("/api/v0/session/{session_id}/slot", {
      params: { path: { session_id: sessionId } },
      body: { round_code: "wa720_70" },
    });
    const recorded = await archer.api.POST("/api/v0/slot/{slot_id}/shot", {
      params: { path: { slot_id: slot.data?.id ?? "" } },
      body: { arrows: [{ x_mm: 3, y_mm: -8 }, { x_mm: 40, y_mm: 22 }, { x_mm: -90, y_mm: 60 }, { value: "7" }, { x_mm: 150, y_mm: -150 }, { value: "M" }] },
    });
    expect(recorded.data?.items).toHaveLength(6);

    const page = await (await browsers.desktop({ signedInAs: archer.token })).newPage();
    const screens: Array<[string, string, string]> = [
      ["home", "/", "Start a practice"],
      ["scoring", `/session/${sessionId}`, "Leaderboard"],
      ["board", `/session/${sessionId}/board`, "Leaderboard"],
      ["history-detail", `/history/${sessionId}`, "Score sheet"],
      ["equipment", "/equipment", "Add bow"],
    ];
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, path, landmark] of screens) {
        await page.goto(path);
        await page.getByText(landmark).first().waitFor();
        await checkA11y(page, `desktop-${name}-${scheme}`);
        await snap(page, `desktop-${name}-${scheme}`);
      }
    }
  });
});
