import type { ArrowValue, Face } from "../api/client";

const NUMERIC_VALUES: readonly ArrowValue[] = ["11", "10", "9", "8", "7", "6", "5", "4", "3", "2", "1"];

function isArrowValue(label: string): label is ArrowValue {
  return (NUMERIC_VALUES as readonly string[]).includes(label);
}

/** The values an arrow can take on the face, as the contract labels them: X first, then high to low, M last. */
export function keypadValues(face: Face): ArrowValue[] {
  const scores = [...new Set(face.rings.map((ring) => ring.score))].sort((a, b) => b - a);
  const numeric = scores.map(String).filter(isArrowValue);
  return [...(face.x_diameter_mm === null ? [] : (["X"] as const)), ...numeric, "M"];
}

/** The accessible name of a keypad button: "X", "Miss" or "Score 9". */
export function valueName(value: ArrowValue): string {
  if (value === "X") return "X";
  if (value === "M") return "Miss";
  return `Score ${value}`;
}
