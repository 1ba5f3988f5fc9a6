import { describe, expect, it } from "vitest";

import { constraintHint, constraintsOf, contractField, htmlPattern, inputAttributes } from "./constraints";

const base = { nullable: false, required: true } as const;

describe("constraintsOf", () => {
  it("reads the contract's constraints through $refs", () => {
    expect(constraintsOf("ArcherRegistration", "draw_weight_lb")).toEqual({
      type: "number",
      exclusiveMinimum: 0,
      maximum: 120,
      nullable: false,
      required: true,
    });
    expect(constraintsOf("ArrowSetCreate", "arrow_count")).toMatchObject({ type: "integer", minimum: 1, maximum: 99 });
  });

  it("reads a nullable oneOf as its non-null branch", () => {
    expect(constraintsOf("ArcherRegistration", "gender")).toMatchObject({
      enum: ["female", "male", "non_binary", "other", "unspecified"],
      nullable: true,
      required: false,
    });
    expect(constraintsOf("ArcherRegistration", "date_of_birth")).toMatchObject({ format: "date", nullable: true });
  });

  it("knows which properties a request requires", () => {
    expect(constraintsOf("BowCreate", "name").required).toBe(true);
    expect(constraintsOf("BowUpdate", "name").required).toBe(false);
  });
});

describe("inputAttributes", () => {
  it("turns string lengths into minlength and maxlength", () => {
    expect(inputAttributes(constraintsOf("ArcherRegistration", "password"))).toEqual({
      minlength: 8,
      maxlength: 128,
      required: true,
    });
  });

  it("makes a decimal's exclusive bound inclusive and allows any step", () => {
    expect(inputAttributes({ ...base, type: "number", exclusiveMinimum: 0, maximum: 120 })).toEqual({
      min: 0,
      max: 120,
      step: "any",
      required: true,
    });
  });

  it("moves an integer's exclusive bounds to the next integer", () => {
    expect(inputAttributes({ ...base, type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 10 })).toEqual({
      min: 1,
      max: 9,
      step: "1",
      required: true,
    });
  });

  it("leaves out required for optional properties", () => {
    expect(inputAttributes(constraintsOf("ArcherUpdate", "draw_weight_lb"))).not.toHaveProperty("required");
  });

  it("never makes a checkbox required", () => {
    expect(inputAttributes(constraintsOf("SessionCreate", "is_indoor"))).toEqual({});
  });

  it("keeps a contract pattern the browser reads the same way", () => {
    expect(inputAttributes(constraintsOf("ArcherRegistration", "first_name")).pattern).toBe(
      "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$",
    );
  });
});

describe("htmlPattern", () => {
  it("keeps patterns anchored at both ends that compile with the v flag", () => {
    expect(htmlPattern("^[a-z0-9][a-z0-9_]*$")).toBe("^[a-z0-9][a-z0-9_]*$");
    expect(htmlPattern("^[!-~]+$")).toBe("^[!-~]+$");
  });

  it("drops patterns the browser would anchor differently", () => {
    expect(htmlPattern("[a-z]+")).toBeUndefined();
    expect(htmlPattern("^a|b$")).toBeUndefined();
    expect(htmlPattern("^a\\$")).toBeUndefined();
  });

  it("drops patterns that do not compile in v mode", () => {
    // A bare "(" inside a class is fine without the v flag, a syntax error with it.
    expect(htmlPattern("^[(]+$")).toBeUndefined();
  });
});

describe("constraintHint", () => {
  it("describes lengths", () => {
    expect(constraintHint(constraintsOf("ArcherRegistration", "password"))).toBe("8–128 characters");
    expect(constraintHint(constraintsOf("BowCreate", "name"))).toBe("up to 100 characters");
    expect(constraintHint({ ...base, minLength: 8 })).toBe("at least 8 characters");
    expect(constraintHint({ ...base, minLength: 4, maxLength: 4 })).toBe("exactly 4 characters");
  });

  it("describes numeric bounds with a unit", () => {
    expect(constraintHint(constraintsOf("ArcherRegistration", "draw_weight_lb"), "lb")).toBe(
      "greater than 0, at most 120 lb",
    );
    expect(constraintHint(constraintsOf("ArrowSetCreate", "shaft_diameter_mm"), "mm")).toBe("2–12 mm");
    expect(constraintHint(constraintsOf("ArrowSetCreate", "arrow_count"))).toBe("1–99");
    expect(constraintHint({ ...base, type: "integer", minimum: 1 })).toBe("at least 1");
    expect(constraintHint({ ...base, type: "number", exclusiveMaximum: 5 }, "m")).toBe("less than 5 m");
  });

  it("says nothing when there is nothing to say", () => {
    expect(constraintHint(constraintsOf("ArcherRegistration", "bowstyle"))).toBeUndefined();
  });
});

describe("contractField", () => {
  it("bundles the attributes and the hint of one property", () => {
    expect(contractField("SessionCreate", "distance", "m")).toEqual({
      field: { hint: "1–150 m" },
      input: { min: 1, max: 150, step: "any", required: true },
    });
  });

  it("leaves the hint out when there is nothing to say", () => {
    expect(contractField("SessionCreate", "is_indoor").field).toEqual({});
  });
});
