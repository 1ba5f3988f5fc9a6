// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import { makeShot } from "../../scoring/fixtures";
import ScoreSheet from "./ScoreSheet.vue";

const shots = [
  makeShot({ end_number: 1, position: 1, value: 7 }),
  makeShot({ end_number: 1, position: 2, value: 10, is_x: true, value_label: "X" }),
  makeShot({ end_number: 1, position: 3, value: 0 }),
  makeShot({ end_number: 2, position: 1, value: 9 }),
  makeShot({ end_number: 2, position: 2, value: 10 }),
  makeShot({ end_number: 2, position: 3, value: 10, is_x: true, value_label: "X" }),
];

const cells = (row: { findAll(selector: string): Array<{ text(): string }> }): string[] =>
  row.findAll("td").map((cell) => cell.text());

describe("ScoreSheet", () => {
  it("is a captioned table with column and row headers", () => {
    const wrapper = mount(ScoreSheet, { props: { shots, arrowsPerEnd: 3 } });
    expect(wrapper.find("caption").text()).toBe("Score sheet");
    expect(wrapper.findAll("thead th").map((th) => th.text())).toEqual(["End", "Arrows", "End total", "Running total"]);
    expect(wrapper.findAll('tbody th[scope="row"]').map((th) => th.text())).toEqual(["1", "2"]);
  });

  it("writes each end high to low with its total and the running total", () => {
    const wrapper = mount(ScoreSheet, { props: { shots, arrowsPerEnd: 3 } });
    const rows = wrapper.findAll("tbody tr");
    expect(cells(rows[0]!)).toEqual(["X", "7", "M", "17", "17"]);
    expect(cells(rows[1]!)).toEqual(["X", "10", "9", "29", "46"]);
  });

  it("keeps a short end's empty cells so the columns line up", () => {
    const wrapper = mount(ScoreSheet, { props: { shots: shots.slice(0, 2), arrowsPerEnd: 3 } });
    expect(cells(wrapper.find("tbody tr"))).toEqual(["X", "7", "", "17", "17"]);
  });

  it("shows arrows still waiting to be stored as pending, with no score", () => {
    const wrapper = mount(ScoreSheet, {
      props: { shots: shots.slice(0, 3), arrowsPerEnd: 3, pending: [{ key: "k1", end_number: 2 }] },
    });
    const second = wrapper.findAll("tbody tr")[1]!;
    expect(second.find("td.pending").text()).toContain("pending");
    expect(cells(second).slice(-2)).toEqual(["…", "17"]);
  });

  it("says so when there is nothing to show", () => {
    const wrapper = mount(ScoreSheet, { props: { shots: [], arrowsPerEnd: 6 } });
    expect(wrapper.find("tbody").text()).toBe("No arrows yet.");
  });

  it("offers arrows to select only when editable", async () => {
    const readOnly = mount(ScoreSheet, { props: { shots, arrowsPerEnd: 3 } });
    expect(readOnly.findAll("button")).toHaveLength(0);

    const editable = mount(ScoreSheet, { props: { shots, arrowsPerEnd: 3, editable: true } });
    const nine = editable.find('button[aria-label="End 2, arrow 1: 9"]');
    await nine.trigger("click");
    expect(editable.emitted("select")).toEqual([[shots[3]]]);
  });
});
