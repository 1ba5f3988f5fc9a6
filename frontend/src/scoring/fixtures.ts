// Catalogue faces, shots and slots as the server sends them, for tests.
import type { Face, Shot, Slot } from "../api/client";

export const wa122: Face = {"face_type": "wa_122", "name": "World Archery 122 cm", "diameter_mm": 1220, "scoring_style": "recurve_x", "x_diameter_mm": 61, "max_arrow_score": 10, "rings": [{"score": 10, "outer_diameter_mm": 122, "colour": "gold"}, {"score": 9, "outer_diameter_mm": 244, "colour": "gold"}, {"score": 8, "outer_diameter_mm": 366, "colour": "red"}, {"score": 7, "outer_diameter_mm": 488, "colour": "red"}, {"score": 6, "outer_diameter_mm": 610, "colour": "light_blue"}, {"score": 5, "outer_diameter_mm": 732, "colour": "light_blue"}, {"score": 4, "outer_diameter_mm": 854, "colour": "black"}, {"score": 3, "outer_diameter_mm": 976, "colour": "black"}, {"score": 2, "outer_diameter_mm": 1098, "colour": "white"}, {"score": 1, "outer_diameter_mm": 1220, "colour": "white"}], "spots": [{"x_mm": 0, "y_mm": 0}]};

export const wa80SixRing: Face = {"face_type": "wa_80_6_ring", "name": "World Archery 80 cm 6-ring", "diameter_mm": 800, "scoring_style": "recurve_x", "x_diameter_mm": 40, "max_arrow_score": 10, "rings": [{"score": 10, "outer_diameter_mm": 80, "colour": "gold"}, {"score": 9, "outer_diameter_mm": 160, "colour": "gold"}, {"score": 8, "outer_diameter_mm": 240, "colour": "red"}, {"score": 7, "outer_diameter_mm": 320, "colour": "red"}, {"score": 6, "outer_diameter_mm": 400, "colour": "light_blue"}, {"score": 5, "outer_diameter_mm": 480, "colour": "light_blue"}], "spots": [{"x_mm": 0, "y_mm": 0}]};

export const imperial122: Face = {"face_type": "imperial_122", "name": "World Archery 122 cm, imperial 5-zone", "diameter_mm": 1220, "scoring_style": "imperial_five_zone", "x_diameter_mm": null, "max_arrow_score": 9, "rings": [{"score": 9, "outer_diameter_mm": 244, "colour": "gold"}, {"score": 7, "outer_diameter_mm": 488, "colour": "red"}, {"score": 5, "outer_diameter_mm": 732, "colour": "light_blue"}, {"score": 3, "outer_diameter_mm": 976, "colour": "black"}, {"score": 1, "outer_diameter_mm": 1220, "colour": "white"}], "spots": [{"x_mm": 0, "y_mm": 0}]};

export const wa122ElevenZone: Face = {"face_type": "wa_122_11_zone", "name": "World Archery 122 cm, 11-zone", "diameter_mm": 1220, "scoring_style": "eleven_zone", "x_diameter_mm": null, "max_arrow_score": 11, "rings": [{"score": 11, "outer_diameter_mm": 61, "colour": "gold"}, {"score": 10, "outer_diameter_mm": 122, "colour": "gold"}, {"score": 9, "outer_diameter_mm": 244, "colour": "gold"}, {"score": 8, "outer_diameter_mm": 366, "colour": "red"}, {"score": 7, "outer_diameter_mm": 488, "colour": "red"}, {"score": 6, "outer_diameter_mm": 610, "colour": "light_blue"}, {"score": 5, "outer_diameter_mm": 732, "colour": "light_blue"}, {"score": 4, "outer_diameter_mm": 854, "colour": "black"}, {"score": 3, "outer_diameter_mm": 976, "colour": "black"}, {"score": 2, "outer_diameter_mm": 1098, "colour": "white"}, {"score": 1, "outer_diameter_mm": 1220, "colour": "white"}], "spots": [{"x_mm": 0, "y_mm": 0}]};

export const wa40TripleVertical: Face = {"face_type": "wa_40_triple_vertical", "name": "World Archery 40 cm triple (vertical)", "diameter_mm": 400, "scoring_style": "recurve_x", "x_diameter_mm": 20, "max_arrow_score": 10, "rings": [{"score": 10, "outer_diameter_mm": 40, "colour": "gold"}, {"score": 9, "outer_diameter_mm": 80, "colour": "gold"}, {"score": 8, "outer_diameter_mm": 120, "colour": "red"}, {"score": 7, "outer_diameter_mm": 160, "colour": "red"}, {"score": 6, "outer_diameter_mm": 200, "colour": "light_blue"}], "spots": [{"x_mm": 0, "y_mm": 220}, {"x_mm": 0, "y_mm": 0}, {"x_mm": 0, "y_mm": -220}]};
let shotCount = 0;

/** A stored shot with sensible defaults; `value_label` follows `value` unless given. */
export function makeShot(fields: Partial<Shot> & Pick<Shot, "end_number" | "position" | "value">): Shot {
  shotCount += 1;
  return {
    id: `shot-${shotCount}`,
    slot_id: "slot-1",
    archer_id: "archer-1",
    value_label: fields.value === 0 ? "M" : (String(fields.value) as Shot["value_label"]),
    is_x: false,
    is_plotted: true,
    x_mm: 0,
    y_mm: 0,
    spot_index: 0,
    distance_mm: 0,
    face_type: "wa_122",
    arrow_diameter_mm: 5.5,
    arrow_number: null,
    shot_at: "2026-12-01T10:00:00.000Z",
    created_at: "2026-12-01T10:00:00.000Z",
    updated_at: "2026-12-01T10:00:00.000Z",
    ...fields,
  };
}

/** A slot for tests: an active archer at a place, nothing shot yet. */
export function slotAt(lane: number, letter: Slot["letter"], extra: Partial<Slot> = {}): Slot {
  return {
    id: `slot-${lane}${letter}`,
    session_id: "session-1",
    archer_id: `archer-${lane}${letter}`,
    archer_name: `Archer ${lane}${letter}`,
    lane,
    letter,
    distance: 70,
    distance_unit: "m",
    face_type: "wa_122",
    arrows_per_end: 6,
    round_code: null,
    arrow_set_id: null,
    bow_id: null,
    arrow_diameter_mm: 5.5,
    is_active: true,
    joined_at: "2026-12-01T09:00:00Z",
    left_at: null,
    progress: {
      arrows_shot: 0,
      ends_shot: 0,
      total_score: 0,
      max_possible_score: 0,
      round_arrows: null,
      round_max_score: null,
      arrows_remaining: null,
      current_pass: null,
      is_complete: false,
    },
    ...extra,
  };
}
