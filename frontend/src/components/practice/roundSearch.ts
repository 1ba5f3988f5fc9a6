import type { Face, FaceType, Round, RoundPass, Schemas } from "../../api/client";

export type DistanceUnit = Schemas["DistanceUnit"];
export type RoundBody = Schemas["RoundBody"];
export type RoundLocation = Schemas["RoundLocation"];

/** How the contract's enum values read on screen; `Record` makes a new contract value a type error. */
export const ROUND_BODY_LABELS: Record<RoundBody, string> = {
  world_archery: "World Archery",
  archery_gb: "Archery GB",
  archery_australia: "Archery Australia",
  ifaa: "IFAA",
  nfaa: "NFAA",
  other: "Other",
};

export const ROUND_LOCATION_LABELS: Record<RoundLocation, string> = {
  indoor: "Indoor",
  outdoor: "Outdoor",
  field: "Field",
};

export interface RoundFilter {
  query: string;
  /** Empty means every body; several chips combine with OR. */
  bodies: readonly RoundBody[];
  locations: readonly RoundLocation[];
}

const METRES_PER_YARD = 0.9144;

export function formatDistance(distance: number, unit: DistanceUnit): string {
  return `${distance}${unit === "m" ? " m" : " yd"}`;
}

/** A pass's distance in metres, to one decimal (the session's distance is in metres). */
export function distanceInMetres(distance: number, unit: DistanceUnit): number {
  return unit === "m" ? distance : Math.round(distance * METRES_PER_YARD * 10) / 10;
}

export interface PassGroup {
  pass: RoundPass;
  /** How many times in a row the round shoots this same pass. */
  times: number;
}

/** Consecutive identical passes as one line: a WA 720 is "2 × 36 arrows at 70 m". */
export function passGroups(passes: readonly RoundPass[]): PassGroup[] {
  const groups: PassGroup[] = [];
  for (const pass of passes) {
    const last = groups.at(-1);
    if (last !== undefined && samePass(last.pass, pass)) last.times += 1;
    else groups.push({ pass, times: 1 });
  }
  return groups;
}

function samePass(a: RoundPass, b: RoundPass): boolean {
  return (
    a.distance === b.distance &&
    a.distance_unit === b.distance_unit &&
    a.arrows === b.arrows &&
    a.arrows_per_end === b.arrows_per_end &&
    a.face_type === b.face_type
  );
}

/** "70 m · 2 × 36 arrows, ends of 6 · World Archery 122 cm". */
export function describePass({ pass, times }: PassGroup, faceName: (type: FaceType) => string): string {
  const arrows = times === 1 ? `${pass.arrows} arrows` : `${times} × ${pass.arrows} arrows`;
  return `${formatDistance(pass.distance, pass.distance_unit)} · ${arrows}, ends of ${pass.arrows_per_end} · ${faceName(pass.face_type)}`;
}

/** The face's catalogue name, or its identifier while the catalogue is not loaded. */
export function faceNamer(faces: readonly Face[]): (type: FaceType) => string {
  const names = new Map(faces.map((face) => [face.face_type, face.name]));
  return (type) => names.get(type) ?? type;
}

/**
 * Everything a search term may match: the name, the code (`wa720_70` is how "720" finds the
 * WA 720 rounds, whose names are "WA 70m" and so on), the body, the venue and each distance
 * ("70m", "70 m", "100yd").
 */
function searchText(round: Round): string {
  const distances = round.passes.flatMap((pass) => [
    `${pass.distance}${pass.distance_unit}`,
    formatDistance(pass.distance, pass.distance_unit),
  ]);
  return [
    round.name,
    round.code,
    round.code.replaceAll("_", " "),
    ROUND_BODY_LABELS[round.body],
    ROUND_LOCATION_LABELS[round.location],
    ...distances,
  ]
    .join(" ")
    .toLowerCase();
}

/** Every word of the query must appear somewhere in the round's text (AND), in any order. */
export function roundMatches(round: Round, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
  if (words.length === 0) return true;
  const text = searchText(round);
  return words.every((word) => text.includes(word));
}

/** The rounds that match the text and the chips, in catalogue order (World Archery first). */
export function filterRounds(rounds: readonly Round[], filter: RoundFilter): Round[] {
  return rounds.filter(
    (round) =>
      (filter.bodies.length === 0 || filter.bodies.includes(round.body)) &&
      (filter.locations.length === 0 || filter.locations.includes(round.location)) &&
      roundMatches(round, filter.query),
  );
}

/** Adds or removes one chip's value. */
export function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((candidate) => candidate !== value) : [...values, value];
}
