import type { LocationQuery, LocationQueryRaw } from "vue-router";

import type { DistanceUnit, FaceType } from "../../api/client";
import { dayRangeBounds } from "../history/dateRange";

/**
 * The progress page's filters, as its inputs hold them (strings, empty for "any"). They live in
 * the page's URL, so a filtered view can be bookmarked, shared and reached from other screens.
 */
export interface ProgressFilters {
  /** `date` input values ("2026-12-01"), both days included. */
  from: string;
  to: string;
  round: string;
  face: string;
  /** A number as typed, in `unit`. */
  distance: string;
  unit: DistanceUnit;
  range: "all" | "indoor" | "outdoor";
  bow: string;
  arrowSet: string;
}

/** The contract's shared history filter (`components/parameters/History*`). */
export interface HistoryQuery {
  start_from?: string;
  start_to?: string;
  round_code?: string;
  face_type?: FaceType;
  distance?: number;
  distance_unit?: DistanceUnit;
  is_indoor?: boolean;
  bow_id?: string;
  arrow_set_id?: string;
}

export const NO_FILTERS: Readonly<ProgressFilters> = {
  from: "",
  to: "",
  round: "",
  face: "",
  distance: "",
  unit: "m",
  range: "all",
  bow: "",
  arrowSet: "",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z0-9_]{1,64}$/;

/** The contract's bounds of a slot's distance (`SlotDistance`). */
const DISTANCE_MIN = 1;
const DISTANCE_MAX = 150;

/** A distance as typed ("70", "18.5", "18,5") within the contract's bounds, or null. */
export function parseDistance(typed: string): number | null {
  const value = Number(typed.trim().replace(",", "."));
  return typed.trim() !== "" && value >= DISTANCE_MIN && value <= DISTANCE_MAX ? value : null;
}

/** The query every analytics operation of the page takes for these filters. */
export function historyQuery(filters: ProgressFilters): HistoryQuery {
  const distance = parseDistance(filters.distance);
  return {
    ...dayRangeBounds(filters.from, filters.to),
    ...(filters.round === "" ? {} : { round_code: filters.round }),
    ...(filters.face === "" ? {} : { face_type: filters.face as FaceType }),
    ...(distance === null ? {} : { distance, distance_unit: filters.unit }),
    ...(filters.range === "all" ? {} : { is_indoor: filters.range === "indoor" }),
    ...(filters.bow === "" ? {} : { bow_id: filters.bow }),
    ...(filters.arrowSet === "" ? {} : { arrow_set_id: filters.arrowSet }),
  };
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

/** Filters from the page URL; anything malformed is dropped rather than sent to the server. */
export function filtersFromRoute(query: LocationQuery): ProgressFilters {
  const pick = (name: string, valid: RegExp): string => {
    const value = single(query[name]);
    return valid.test(value) ? value : "";
  };
  const distance = single(query["distance"]);
  const unit = single(query["unit"]);
  const range = single(query["range"]);
  return {
    from: pick("from", DAY),
    to: pick("to", DAY),
    round: pick("round", CODE),
    face: pick("face", CODE),
    distance: parseDistance(distance) === null ? "" : distance,
    unit: unit === "yd" ? "yd" : "m",
    range: range === "indoor" || range === "outdoor" ? range : "all",
    bow: pick("bow", UUID),
    arrowSet: pick("arrow_set", UUID),
  };
}

/** The URL query of the filters: only those that are set, so the plain page stays `/progress`. */
export function routeQuery(filters: ProgressFilters): LocationQueryRaw {
  const query: Record<string, string> = {};
  const set = (name: string, value: string): void => {
    if (value !== "") query[name] = value;
  };
  set("from", filters.from);
  set("to", filters.to);
  set("round", filters.round);
  set("face", filters.face);
  if (parseDistance(filters.distance) !== null) {
    query["distance"] = filters.distance.trim();
    if (filters.unit !== "m") query["unit"] = filters.unit;
  }
  if (filters.range !== "all") query["range"] = filters.range;
  set("bow", filters.bow);
  set("arrow_set", filters.arrowSet);
  return query;
}

/** How many filters narrow the history (the date range counts once). */
export function activeFilterCount(filters: ProgressFilters): number {
  return [
    filters.from !== "" || filters.to !== "",
    filters.round !== "",
    filters.face !== "",
    parseDistance(filters.distance) !== null,
    filters.range !== "all",
    filters.bow !== "",
    filters.arrowSet !== "",
  ].filter(Boolean).length;
}
