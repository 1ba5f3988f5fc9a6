// @vitest-environment happy-dom
import { flushPromises, mount } from "@vue/test-utils";
import { createPinia } from "pinia";
import { createMemoryHistory, createRouter, type Router } from "vue-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import {
  createApiClient,
  type ArrowSet,
  type ArrowSetRanking,
  type HandicapPoint,
  type HistoryHeatmap,
  type HistorySummary,
  type PersonalBests,
} from "../api/client";
import { apiKey } from "../api/inject";
import { json, problem } from "../api/testing";
import { wa122 } from "../scoring/fixtures";
import ProgressView from "./ProgressView.vue";

// uPlot draws on a canvas, which happy-dom has not: a stand-in that keeps what it was given.
const plots: Array<{ data: unknown }> = [];
vi.mock("uplot", () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    static tzDate = (date: Date) => date;
    data: unknown;
    constructor(_options: unknown, data: unknown) {
      this.data = data;
      plots.push(this);
    }
    setData(data: unknown): void {
      this.data = data;
    }
    setSize(): void {}
    destroy(): void {}
  }
  return { default: FakePlot };
});

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    disconnect(): void {}
    unobserve(): void {}
  } as unknown as typeof ResizeObserver;
});

const SET = "67ac0190-1b14-41d5-a9c8-d800ea184198";
const SESSION = "e4f4cbc7-3963-4fe1-a513-1d79d57c4751";
const SLOT = "21ac9f7e-77f9-4ded-8c5f-62f5242392f0";

const summary: HistorySummary = {
  time_zone: "UTC",
  slots: 5,
  arrows_shot: 372,
  total_score: 3180,
  mean_per_arrow: 8.548,
  weeks: [
    { week_start: "2026-05-25", slots: 2, arrows_shot: 144, total_score: 1210, mean_per_arrow: 8.403 },
    { week_start: "2026-06-01", slots: 1, arrows_shot: 72, total_score: 612, mean_per_arrow: 8.5 },
    { week_start: "2026-06-08", slots: 2, arrows_shot: 156, total_score: 1358, mean_per_arrow: 8.705 },
  ],
  weeks_omitted: 0,
  trend: { weeks: 3, slope_per_week: 0.151, slope_standard_error: 0.038 },
};

const handicaps: HandicapPoint[] = [
  {
    date: "2026-06-14",
    session_id: SESSION,
    slot_id: SLOT,
    round_code: "wa720_70",
    is_estimate: false,
    arrows: 72,
    score: 600,
    handicap: 30,
    classification: null,
  },
];

const best = {
  slot_id: SLOT,
  session_id: SESSION,
  start_time: "2026-06-14T09:00:00Z",
  arrows_shot: 72,
  total_score: 612,
  max_possible_score: 720,
  mean_per_arrow: 8.5,
  ten_count: 21,
  x_count: 8,
};
const bests: PersonalBests = {
  min_practice_arrows: 30,
  rounds: [{ round_code: "wa720_70", round_name: "WA 720 (70m)", completed_rounds: 4, best }],
  practice: [],
};

const heatmap: HistoryHeatmap = {
  face_type: "wa_122",
  spot_count: 1,
  cell_mm: 30.5,
  origin_x_mm: -732,
  origin_y_mm: -732,
  columns: 48,
  rows: 48,
  plotted_arrows: 3,
  outside_grid: 0,
  max_count: 2,
  cells: [
    { column: 23, row: 24, count: 1 },
    { column: 24, row: 24, count: 2 },
  ],
};

const arrowSet = { id: SET, name: "X10 set", shaft_diameter_mm: 5.5, arrow_count: 12 } as ArrowSet;
const ranking: ArrowSetRanking = {
  arrow_set_id: SET,
  slot_count: 4,
  arrows_shot: 18,
  unnumbered_arrows: 0,
  group_mean_point_of_impact: { x_mm: 4, y_mm: -6.5, x_mrad: 0.057, y_mrad: -0.093 },
  items: [
    {
      rank: 1,
      arrow_number: 1,
      arrows_shot: 6,
      mean_score: 9.333,
      plotted_arrows: 6,
      offset_x_mm: -2,
      offset_y_mm: 1,
      offset_mm: 2.24,
      offset_x_mrad: -0.03,
      offset_y_mrad: 0.01,
      offset_mrad: 0.03,
      radial_sd_mm: 41.2,
      radial_sd_mrad: 0.589,
    },
    {
      rank: 2,
      arrow_number: 2,
      arrows_shot: 6,
      mean_score: 9.1,
      plotted_arrows: 6,
      offset_x_mm: -4,
      offset_y_mm: 2,
      offset_mm: 4.47,
      offset_x_mrad: -0.06,
      offset_y_mrad: 0.03,
      offset_mrad: 0.06,
      radial_sd_mm: 39,
      radial_sd_mrad: 0.56,
    },
    {
      rank: 3,
      arrow_number: 3,
      arrows_shot: 6,
      mean_score: 7.833,
      plotted_arrows: 6,
      offset_x_mm: 60,
      offset_y_mm: -40,
      offset_mm: 72.1,
      offset_x_mrad: 0.86,
      offset_y_mrad: -0.57,
      offset_mrad: 1.03,
      radial_sd_mm: 40,
      radial_sd_mrad: 0.57,
    },
  ],
};

interface Sent {
  path: string;
  query: URLSearchParams;
}

function fakeServer(overrides: Record<string, () => Response> = {}) {
  const requests: Sent[] = [];
  const answers: Record<string, () => Response> = {
    "/api/v0/face": () => json({ items: [wa122] }),
    "/api/v0/round": () => json({ items: [] }),
    "/api/v0/bow": () => json({ items: [], next_cursor: null }),
    "/api/v0/arrow_set": () => json({ items: [arrowSet], next_cursor: null }),
    "/api/v0/history/slot": () => json({ items: [{ face_type: "wa_122" }], next_cursor: null }),
    "/api/v0/history/summary": () => json(summary),
    "/api/v0/history/handicap": () => json({ items: handicaps, next_cursor: null }),
    "/api/v0/history/personal_best": () => json(bests),
    "/api/v0/history/heatmap": () => json(heatmap),
    [`/api/v0/arrow_set/${SET}/ranking`]: () => json(ranking),
    "/api/v0/history/export": () =>
      new Response("slot_id,session_id\r\n", {
        headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="quiver-history-2026-12-01.csv"' },
      }),
    ...overrides,
  };
  const api = createApiClient({
    baseUrl: "http://quiver.test",
    token: "t",
    fetch: async (request) => {
      const url = new URL(request.url);
      requests.push({ path: url.pathname, query: url.searchParams });
      const answer = answers[url.pathname];
      return answer === undefined ? json(problem(404, "not_found", url.pathname), 404) : answer();
    },
  });
  return { api, requests };
}

async function progressPage(url: string, server = fakeServer()): Promise<{ wrapper: ReturnType<typeof mount>; router: Router; requests: Sent[] }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: "/progress", name: "progress", component: ProgressView },
      { path: "/history/:sessionId", name: "history-detail", component: { template: "<p>detail</p>" } },
      { path: "/equipment/arrow-set/:arrowSetId/ranking", name: "arrow-set-ranking", component: { template: "<p>r</p>" } },
      { path: "/:rest(.*)*", component: { template: "<p>other</p>" } },
    ],
  });
  await router.push(url);
  const wrapper = mount(ProgressView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [apiKey as symbol]: server.api } },
  });
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router, requests: server.requests };
}

afterEach(() => {
  document.body.innerHTML = "";
  plots.length = 0;
  vi.restoreAllMocks();
});

describe("the progress page", () => {
  it("shows the volume, trend, handicap, personal bests, heatmap and ranking", async () => {
    const { wrapper } = await progressPage("/progress");
    const text = (testId: string) => wrapper.find(`[data-testid="${testId}"]`).text();
    expect(text("volume-arrows")).toBe("372");
    expect(text("volume-slots")).toBe("5");
    expect(text("volume-mean")).toBe("8.55");
    expect(text("trend")).toBe("Improving: +0.151 ± 0.038 points per arrow a week, over 3 weeks.");
    expect(text("handicap-summary")).toContain("Best handicap 30");
    expect(wrapper.find('[data-testid="pb-rounds"]').text()).toContain("WA 720 (70m)");
    expect(wrapper.find('[data-testid="pb-rounds"]').text()).toContain("612");
    expect(wrapper.findAll('[data-testid="heat-cell"]').map((cell) => cell.attributes("data-count"))).toEqual(["1", "2"]);
    expect(text("heatmap-summary")).toContain("3 plotted arrows");
    expect(text("ranking-summary")).toContain("Arrow 3 flies off the group.");
    // Two charts: the weeks (with the gap-free series) and the handicaps.
    expect(plots).toHaveLength(2);
  });

  it("sends the URL's filters to every panel, and the heatmap the filter's face", async () => {
    const { requests } = await progressPage(`/progress?round=wa720_70&face=wa_122&range=outdoor&arrow_set=${SET}&distance=70`);
    const analytics = requests.filter(({ path }) => path.startsWith("/api/v0/history/") && path !== "/api/v0/history/slot");
    expect(analytics.map(({ path }) => path).sort()).toEqual([
      "/api/v0/history/handicap",
      "/api/v0/history/heatmap",
      "/api/v0/history/personal_best",
      "/api/v0/history/summary",
    ]);
    for (const { query } of analytics) {
      expect(query.get("round_code")).toBe("wa720_70");
      expect(query.get("face_type")).toBe("wa_122");
      expect(query.get("is_indoor")).toBe("false");
      expect(query.get("arrow_set_id")).toBe(SET);
      expect(query.get("distance")).toBe("70");
      expect(query.get("distance_unit")).toBe("m");
    }
    const rankingRequest = requests.find(({ path }) => path.endsWith("/ranking"));
    expect(rankingRequest?.query.get("round_code")).toBe("wa720_70");
    expect(rankingRequest?.query.has("arrow_set_id")).toBe(false);
  });

  it("puts a changed filter in the URL and asks again", async () => {
    const { wrapper, router, requests } = await progressPage("/progress");
    const before = requests.filter(({ path }) => path === "/api/v0/history/summary").length;
    await wrapper.find("details.filters select").setValue("wa720_70");
    await flushPromises();
    await wrapper.findAll("details.filters select").find((s) => s.html().includes("Any face"))?.setValue("wa_122");
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ face: "wa_122" });
    const after = requests.filter(({ path }) => path === "/api/v0/history/summary");
    expect(after.length).toBeGreaterThan(before);
    expect(after.at(-1)?.query.get("face_type")).toBe("wa_122");
  });

  it("downloads the filtered history under the server's file name", async () => {
    const saved: Array<{ download: string; href: string }> = [];
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:http://quiver.test/csv");
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ download: this.download, href: this.href });
    });
    const { wrapper, requests } = await progressPage("/progress?range=indoor");
    await wrapper.findAll("button").find((button) => button.text() === "Export history (CSV)")?.trigger("click");
    await flushPromises();
    expect(requests.find(({ path }) => path === "/api/v0/history/export")?.query.get("is_indoor")).toBe("true");
    expect(saved).toEqual([{ download: "quiver-history-2026-12-01.csv", href: "blob:http://quiver.test/csv" }]);
  });

  it("says why a panel failed and offers to try again", async () => {
    const server = fakeServer({ "/api/v0/history/personal_best": () => json(problem(503, "database_unavailable", "The database is restarting."), 503) });
    const { wrapper } = await progressPage("/progress", server);
    expect(wrapper.text()).toContain("The database is restarting.");
    expect(wrapper.findAll("button").some((button) => button.text() === "Try again")).toBe(true);
    // The other panels still show.
    expect(wrapper.find('[data-testid="volume-arrows"]').text()).toBe("372");
  });
});
