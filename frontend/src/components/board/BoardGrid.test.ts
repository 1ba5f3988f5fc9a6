// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import type { SlotStatistics } from "../../api/client";
import { slotAt } from "../../scoring/fixtures";
import BoardGrid from "./BoardGrid.vue";

function statisticsOf(slotId: string, endTotals: number[]): SlotStatistics {
  let running = 0;
  const ends = endTotals.map((total, index) => {
    running += total;
    return { end_number: index + 1, arrows: 6, total, running_total: running };
  });
  return {
    slot_id: slotId,
    arrows_shot: ends.length * 6,
    total_score: running,
    max_possible_score: ends.length * 60,
    percentage: null,
    mean_per_arrow: null,
    x_count: 0,
    ten_count: 0,
    miss_count: 0,
    ends,
    end_count: ends.length,
    histogram: [],
    mean_point_of_impact: null,
    group_spread: null,
  };
}

describe("BoardGrid", () => {
  it("shows each archer at their lane and letter with the running total, last end and arrows", () => {
    const ann = slotAt(1, "A", { archer_name: "Ann Archer" });
    const bob = slotAt(1, "C", { archer_name: "Bob Bowman" });
    const wrapper = mount(BoardGrid, {
      props: { slots: [ann, bob], statistics: { [ann.id]: statisticsOf(ann.id, [50, 53]) } },
    });

    const first = wrapper.get('[data-testid="board-cell-1A"]');
    expect(first.text()).toContain("Ann Archer");
    expect(first.get('[data-testid="board-cell-total"]').text()).toContain("103");
    expect(first.text()).toContain("last end 53");
    expect(first.text()).toContain("12 arrows");

    // Bob's statistics have not arrived: his slot's own progress stands in.
    expect(wrapper.get('[data-testid="board-cell-1C"]').text()).toContain("Bob Bowman");
    expect(wrapper.get('[data-testid="board-cell-1B"]').text()).toContain("free");
    expect(wrapper.get('[data-testid="board-lane-1"] h2').text()).toContain("Lane 1");
  });

  it("updates a cell when new statistics arrive", async () => {
    const ann = slotAt(2, "B", { archer_name: "Ann Archer" });
    const wrapper = mount(BoardGrid, { props: { slots: [ann], statistics: {} } });
    expect(wrapper.get('[data-testid="board-cell-2B"]').text()).toContain("last end –");

    await wrapper.setProps({ statistics: { [ann.id]: statisticsOf(ann.id, [48]) } });
    const cell = wrapper.get('[data-testid="board-cell-2B"]');
    expect(cell.get('[data-testid="board-cell-total"]').text()).toContain("48");
    expect(cell.text()).toContain("last end 48");
  });

  it("says so when nobody is on the range", () => {
    expect(mount(BoardGrid, { props: { slots: [], statistics: {} } }).text()).toContain("Nobody is on the range yet.");
  });
});
