import { describe, expect, it } from "vitest";

import { imperial122, wa122, wa122ElevenZone, wa40TripleVertical, wa80SixRing } from "./fixtures";
import { keypadValues, valueName } from "./keypad";

describe("keypadValues", () => {
  it("offers X, 10 to 1 and M on the 122 cm recurve face", () => {
    expect(keypadValues(wa122)).toEqual(["X", "10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "M"]);
  });

  it("offers X, 10 to 5 and M on the 6-ring face", () => {
    expect(keypadValues(wa80SixRing)).toEqual(["X", "10", "9", "8", "7", "6", "5", "M"]);
  });

  it("offers 9, 7, 5, 3, 1 and M on an imperial face, with no X", () => {
    expect(keypadValues(imperial122)).toEqual(["9", "7", "5", "3", "1", "M"]);
  });

  it("offers 11 to 1 and M on the 11-zone face, with no X", () => {
    expect(keypadValues(wa122ElevenZone)).toEqual(["11", "10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "M"]);
  });

  it("offers each value once on a triple face", () => {
    expect(keypadValues(wa40TripleVertical)).toEqual(["X", "10", "9", "8", "7", "6", "M"]);
  });

  it("lists the values high to low whatever the ring order", () => {
    const shuffled = { ...imperial122, rings: [...imperial122.rings].reverse() };
    expect(keypadValues(shuffled)).toEqual(["9", "7", "5", "3", "1", "M"]);
  });
});

describe("valueName", () => {
  it("names the buttons for a screen reader", () => {
    expect(valueName("X")).toBe("X");
    expect(valueName("M")).toBe("Miss");
    expect(valueName("9")).toBe("Score 9");
  });
});
