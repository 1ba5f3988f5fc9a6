import type { Slot } from "../../api/client";

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
