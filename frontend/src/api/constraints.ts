import { SCHEMA_CONSTRAINTS } from "./constraints.generated";

/** What the contract says about one property; generated into `constraints.generated.ts`. */
export interface PropertyConstraints {
  readonly type?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  readonly nullable: boolean;
  readonly required: boolean;
}

export type SchemaName = keyof typeof SCHEMA_CONSTRAINTS;
export type PropertyName<S extends SchemaName> = keyof (typeof SCHEMA_CONSTRAINTS)[S] & string;

/** The HTML attributes that let the browser check a property before it is sent. */
export interface InputAttributes {
  min?: number;
  max?: number;
  step?: "1" | "any";
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  required?: true;
}

export interface ContractField {
  /** Props for FormField: the hint, left out when there are no bounds to describe. */
  field: { hint?: string };
  /** Attributes for the input. */
  input: InputAttributes;
}

export function constraintsOf<S extends SchemaName>(schema: S, property: PropertyName<S>): PropertyConstraints {
  // Sound: the generated table `satisfies` PropertyConstraints for every entry.
  return SCHEMA_CONSTRAINTS[schema][property] as PropertyConstraints;
}

/**
 * A contract pattern as an HTML `pattern`, or undefined when the browser would read it
 * differently: HTML anchors the whole pattern and compiles it with the `v` flag, so only a
 * pattern anchored at both ends, without a top-level alternation, that compiles in `v` mode
 * means the same in the browser as on the server.
 */
export function htmlPattern(pattern: string): string | undefined {
  const anchored = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$");
  if (!anchored || pattern.includes("|")) return undefined;
  try {
    new RegExp(pattern, "v");
    return pattern;
  } catch {
    return undefined;
  }
}

/**
 * The input attributes for a property. The browser has no exclusive bounds, so an integer's
 * becomes the next integer and a decimal's becomes inclusive (the hint still says "greater
 * than" and the server rejects the bound itself with a field message).
 */
export function inputAttributes(constraints: PropertyConstraints): InputAttributes {
  const integer = constraints.type === "integer";
  const attrs: InputAttributes = {};
  const low = constraints.minimum ?? shift(constraints.exclusiveMinimum, integer ? 1 : 0);
  const high = constraints.maximum ?? shift(constraints.exclusiveMaximum, integer ? -1 : 0);
  if (low !== undefined) attrs.min = low;
  if (high !== undefined) attrs.max = high;
  if (integer) attrs.step = "1";
  else if (constraints.type === "number") attrs.step = "any";
  if (constraints.minLength !== undefined) attrs.minlength = constraints.minLength;
  if (constraints.maxLength !== undefined) attrs.maxlength = constraints.maxLength;
  const pattern = constraints.pattern === undefined ? undefined : htmlPattern(constraints.pattern);
  if (pattern !== undefined) attrs.pattern = pattern;
  // A required checkbox must be ticked: for a boolean, "required" only means "sent".
  if (constraints.required && constraints.type !== "boolean") attrs.required = true;
  return attrs;
}

function shift(bound: number | undefined, by: number): number | undefined {
  return bound === undefined ? undefined : bound + by;
}

/** "8–128 characters", "up to 100 characters", "greater than 0, at most 120 lb", "1–99". */
export function constraintHint(constraints: PropertyConstraints, unit?: string): string | undefined {
  const suffix = unit === undefined ? "" : ` ${unit}`;
  const { minLength, maxLength } = constraints;
  if (minLength !== undefined || maxLength !== undefined) {
    if (minLength !== undefined && minLength === maxLength) return `exactly ${minLength} characters`;
    if (maxLength === undefined) return `at least ${minLength} characters`;
    if (minLength === undefined || minLength <= 1) return `up to ${maxLength} characters`;
    return `${minLength}–${maxLength} characters`;
  }
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = constraints;
  if (minimum !== undefined && maximum !== undefined) return `${minimum}–${maximum}${suffix}`;
  const parts = [
    minimum === undefined ? null : `at least ${minimum}`,
    exclusiveMinimum === undefined ? null : `greater than ${exclusiveMinimum}`,
    maximum === undefined ? null : `at most ${maximum}`,
    exclusiveMaximum === undefined ? null : `less than ${exclusiveMaximum}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? undefined : `${parts.join(", ")}${suffix}`;
}

/**
 * Everything a form needs for one property of a request schema:
 * `<FormField label="…" v-bind="f.field"><input v-bind="f.input" /></FormField>`.
 */
export function contractField<S extends SchemaName>(schema: S, property: PropertyName<S>, unit?: string): ContractField {
  const constraints = constraintsOf(schema, property);
  const hint = constraintHint(constraints, unit);
  return { field: hint === undefined ? {} : { hint }, input: inputAttributes(constraints) };
}
