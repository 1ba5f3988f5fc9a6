import { describe, expect, it } from "vitest";

import type { Archer } from "../../api/client";
import { archerFixture } from "../../api/testing";
import { archerDraft, archerUpdateFrom, registrationFrom } from "./archerDraft";
import { redirectTarget } from "./redirect";
import { sessionIdFrom } from "./sessionLink";

const archer: Archer = { ...archerFixture, date_of_birth: "1990-05-01" };

describe("archer drafts", () => {
  it("leaves empty optional details out of a registration", () => {
    const draft = { ...archerDraft(), email: "a@b", first_name: "A", last_name: "B", draw_weight_lb: 30 as const };
    expect(registrationFrom(draft, "password1")).toEqual({
      email: "a@b",
      password: "password1",
      first_name: "A",
      last_name: "B",
      bowstyle: "recurve",
      draw_weight_lb: 30,
    });
  });

  it("sends optional details when given", () => {
    const draft = { ...archerDraft(archer), date_of_birth: "1990-05-01", gender: "female" as const };
    expect(registrationFrom(draft, "password1")).toMatchObject({ date_of_birth: "1990-05-01", gender: "female" });
  });

  it("patches only the changed fields", () => {
    expect(archerUpdateFrom(archer, archerDraft(archer))).toEqual({});
    expect(archerUpdateFrom(archer, { ...archerDraft(archer), draw_weight_lb: 48, gender: "male" })).toEqual({
      draw_weight_lb: 48,
      gender: "male",
    });
  });

  it("clears an optional detail with null", () => {
    expect(archerUpdateFrom(archer, { ...archerDraft(archer), date_of_birth: "" })).toEqual({ date_of_birth: null });
  });
});

describe("redirectTarget", () => {
  it("follows a path of this app", () => {
    expect(redirectTarget({ redirect: "/session/abc?x=1" })).toBe("/session/abc?x=1");
  });

  it("goes home otherwise, never to another site", () => {
    expect(redirectTarget({})).toBe("/");
    expect(redirectTarget({ redirect: "//evil.example" })).toBe("/");
    expect(redirectTarget({ redirect: "https://evil.example" })).toBe("/");
    expect(redirectTarget({ redirect: ["/a", "/b"] })).toBe("/");
  });
});

describe("sessionIdFrom", () => {
  const id = "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b";

  it("accepts a bare id, in any case and with spaces around", () => {
    expect(sessionIdFrom(id)).toBe(id);
    expect(sessionIdFrom(`  ${id.toUpperCase()}\n`)).toBe(id);
  });

  it("finds the id in a session link, the board's or one with a query", () => {
    expect(sessionIdFrom(`https://range.example/session/${id}`)).toBe(id);
    expect(sessionIdFrom(`http://192.168.1.20:8000/session/${id}/board`)).toBe(id);
    expect(sessionIdFrom(`/session/${id}?from=chat#top`)).toBe(id);
  });

  it("refuses anything else", () => {
    expect(sessionIdFrom("")).toBeNull();
    expect(sessionIdFrom("hello")).toBeNull();
    expect(sessionIdFrom(id.slice(0, -1))).toBeNull();
    expect(sessionIdFrom(`https://range.example/history/${id}`)).toBeNull();
    expect(sessionIdFrom(`${id}0`)).toBeNull();
  });
});
