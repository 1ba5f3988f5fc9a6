// @vitest-environment happy-dom
import { mount, RouterLinkStub } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import type { SlotHandicap } from "../../api/client";
import { wa40TripleVertical } from "../../scoring/fixtures";
import GroupEllipses from "./GroupEllipses.vue";
import SlotHandicapPanel from "./SlotHandicapPanel.vue";

describe("GroupEllipses", () => {
  it("draws the one-SD and the 95 % ellipse around every spot, y flipped for SVG", () => {
    const wrapper = mount(
      { components: { GroupEllipses }, template: "<svg><GroupEllipses :face='face' :ellipse='ellipse' /></svg>" },
      { props: {}, data: () => ({ face: wa40TripleVertical, ellipse: { centre_x: 5, centre_y: -10, semi_major: 8, semi_minor: 4, angle_deg: 30 } }) },
    );
    const inner = wrapper.findAll("ellipse.inner").map((e) => [e.attributes("cx"), e.attributes("cy"), e.attributes("rx"), e.attributes("transform")]);
    expect(inner).toEqual([
      ["5", "-210", "8", "rotate(-30 5 -210)"],
      ["5", "10", "8", "rotate(-30 5 10)"],
      ["5", "230", "8", "rotate(-30 5 230)"],
    ]);
    expect(Number(wrapper.find("ellipse.outer").attributes("rx"))).toBeCloseTo(8 * 2.4477, 2);
  });
});

const completed: SlotHandicap = {
  slot_id: "21ac9f7e-77f9-4ded-8c5f-62f5242392f0",
  session_id: "e4f4cbc7-3963-4fe1-a513-1d79d57c4751",
  date: "2026-06-14",
  round_code: "wa720_70",
  is_estimate: false,
  arrows: 72,
  score: 600,
  handicap: 30,
  handicap_unavailable: null,
  classification: { code: "MB", name: "Master Bowman", system: "agb_outdoor", bowstyle: "recurve", gender: "open", age_category: "adult" },
  classification_unavailable: null,
  missing_profile_fields: [],
};

function panel(handicap: SlotHandicap) {
  return mount(SlotHandicapPanel, { props: { handicap }, global: { stubs: { RouterLink: RouterLinkStub } } });
}

describe("SlotHandicapPanel", () => {
  it("shows the handicap and the classification with its category", () => {
    const wrapper = panel(completed);
    expect(wrapper.find('[data-testid="slot-handicap"]').text()).toBe("30");
    expect(wrapper.text()).toContain("for 600 points");
    expect(wrapper.find('[data-testid="slot-classification"]').text()).toMatch(/Master Bowman\s*\(open, adult, recurve\)/);
  });

  it("asks for the profile fields a classification needs", () => {
    const wrapper = panel({
      ...completed,
      classification: null,
      classification_unavailable: "profile_incomplete",
      missing_profile_fields: ["date_of_birth", "gender"],
    });
    expect(wrapper.text()).toContain("your date of birth and gender");
    expect(wrapper.findComponent(RouterLinkStub).props("to")).toBe("/profile");
  });

  it("marks an estimate, and says why there is no handicap", () => {
    const estimate = panel({ ...completed, is_estimate: true, score: null, arrows: 24, classification: null, classification_unavailable: "estimated_handicap" });
    expect(estimate.text()).toContain("estimated from 24 plotted arrows");
    const none = panel({ ...completed, handicap: null, handicap_unavailable: "too_few_arrows", classification: null, classification_unavailable: "no_handicap" });
    expect(none.find('[data-testid="slot-handicap-none"]').text()).toBe("No handicap. An estimate needs at least 12 plotted arrows.");
  });
});
