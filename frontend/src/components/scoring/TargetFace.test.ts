// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import { faceToClient, type Matrix2D } from "../../scoring/coordinates";
import { wa122, wa40TripleVertical } from "../../scoring/fixtures";
import TargetFace from "./TargetFace.vue";

/** The face 390 px wide, its centre at client (195, 315.5). */
const scale = 390 / 1293.2;
const ctm: Matrix2D = { a: scale, b: 0, c: 0, d: scale, e: 195, f: 315.5 };
const inverse: Matrix2D = { a: 1 / scale, b: 0, c: 0, d: 1 / scale, e: -195 / scale, f: -315.5 / scale };

const arrows = [
  { id: "a1", x_mm: 10, y_mm: 20, label: "X" },
  { id: "a2", x_mm: -150, y_mm: 0, label: "8", selected: true },
  { id: "k3", x_mm: 200, y_mm: -200, label: "…", pending: true },
];

function mountFace(interactive = true) {
  const wrapper = mount(TargetFace, { props: { face: wa122, arrows, interactive }, attachTo: document.body });
  const svg = wrapper.find('[data-testid="target-face"]');
  Object.assign(svg.element, { getScreenCTM: () => ({ ...ctm, inverse: () => inverse }) });
  return { wrapper, svg };
}

const pointer = (clientX: number, clientY: number) => ({ clientX, clientY, pointerId: 7, isPrimary: true, button: 0, pointerType: "touch" });

describe("TargetFace", () => {
  it("draws every zone of every spot at true scale, in millimetres", () => {
    const wrapper = mount(TargetFace, { props: { face: wa40TripleVertical, arrows: [] } });
    const svg = wrapper.find("svg");
    expect(svg.attributes("role")).toBe("img");
    expect(svg.attributes("viewBox")).toBe("-106 -326 212 652");
    const radii = wrapper.findAll(".face-drawing > circle").map((circle) => Number(circle.attributes("r")));
    expect(radii).toHaveLength(15);
    expect(Math.max(...radii)).toBe(100);
  });

  it("labels each marker with its number and the server's value, or pending", () => {
    const { wrapper } = mountFace(false);
    const names = wrapper.findAll('[data-testid="arrow-marker"]').map((marker) => marker.attributes("aria-label"));
    expect(names).toEqual(["Arrow 1: X", "Arrow 2: 8", "Arrow 3: pending"]);
    wrapper.unmount();
  });

  it("places an arrow where the finger is lifted, to the hundredth of a millimetre", async () => {
    const { wrapper, svg } = mountFace();
    expect(svg.attributes("role")).toBe("application");
    const down = faceToClient(ctm, { x_mm: 0, y_mm: 0 });
    const up = faceToClient(ctm, { x_mm: 61.05, y_mm: -30.5 });
    await svg.trigger("pointerdown", pointer(down.x, down.y));
    expect(document.querySelector(".loupe")).not.toBeNull();
    await svg.trigger("pointermove", pointer(up.x, up.y));
    await svg.trigger("pointerup", pointer(up.x, up.y));
    expect(wrapper.emitted("place")).toEqual([[61.05, -30.5]]);
    expect(document.querySelector(".loupe")).toBeNull();
    wrapper.unmount();
  });

  it("drags a marker by where it was grabbed, and taps select it", async () => {
    const { wrapper, svg } = mountFace();
    const marker = wrapper.find('[data-arrow-id="a1"]');
    const grab = faceToClient(ctm, { x_mm: 12, y_mm: 20 });
    await marker.trigger("pointerdown", pointer(grab.x, grab.y));
    await svg.trigger("pointerup", pointer(grab.x, grab.y));
    expect(wrapper.emitted("select")).toEqual([["a1"]]);

    await marker.trigger("pointerdown", pointer(grab.x, grab.y));
    const drop = faceToClient(ctm, { x_mm: 42, y_mm: 0 });
    await svg.trigger("pointermove", pointer(drop.x, drop.y));
    await svg.trigger("pointerup", pointer(drop.x, drop.y));
    expect(wrapper.emitted("move")).toEqual([["a1", 40, 0]]);
    expect(wrapper.emitted("place")).toBeUndefined();
    wrapper.unmount();
  });

  it("nudges, deletes and deselects the selected arrow from the keyboard", async () => {
    const { wrapper, svg } = mountFace();
    await svg.trigger("keydown", { key: "ArrowUp" });
    await svg.trigger("keydown", { key: "ArrowLeft", shiftKey: true });
    await svg.trigger("keydown", { key: "Delete" });
    await svg.trigger("keydown", { key: "Escape" });
    expect(wrapper.emitted("move")).toEqual([
      ["a2", -150, 1],
      ["a2", -160, 0],
    ]);
    expect(wrapper.emitted("remove")).toEqual([["a2"]]);
    expect(wrapper.emitted("select")).toEqual([[null]]);
    wrapper.unmount();
  });

  it("ignores the pointer when read-only", async () => {
    const { wrapper, svg } = mountFace(false);
    await svg.trigger("pointerdown", pointer(100, 100));
    await svg.trigger("pointerup", pointer(100, 100));
    expect(wrapper.emitted("place")).toBeUndefined();
    wrapper.unmount();
  });

  it("draws the group around every spot from the mean point", () => {
    const wrapper = mount(TargetFace, {
      props: { face: wa40TripleVertical, arrows: [], meanPoint: { x_mm: 5, y_mm: -10 }, spreadRadiusMm: 12 },
    });
    const spreads = wrapper.findAll(".spread");
    expect(spreads.map((c) => [c.attributes("cx"), c.attributes("cy"), c.attributes("r")])).toEqual([
      ["5", "-210", "12"],
      ["5", "10", "12"],
      ["5", "230", "12"],
    ]);
  });
});
