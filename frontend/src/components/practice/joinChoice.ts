import type { FaceType, SlotJoinFree, SlotJoinRound } from "../../api/client";
import type { DistanceUnit } from "./roundSearch";

/** What the archer picked on the join form, before it becomes a request body. */
export interface FreePractice {
  face_type: FaceType;
  /** Null while the field is empty. */
  distance: number | null;
  distance_unit: DistanceUnit;
  arrows_per_end: number;
}

export interface Equipment {
  arrow_set_id: string | null;
  bow_id: string | null;
}

export interface JoinChoice {
  mode: "round" | "free";
  round_code: string | null;
  free: FreePractice;
  equipment: Equipment;
}

export function emptyJoinChoice(): JoinChoice {
  return {
    mode: "round",
    round_code: null,
    free: { face_type: "wa_122", distance: null, distance_unit: "m", arrows_per_end: 6 },
    equipment: { arrow_set_id: null, bow_id: null },
  };
}

export type JoinBody = SlotJoinRound | SlotJoinFree;

/** The joinSession body fields the join form shows the server's messages next to. */
export const JOIN_FIELDS = ["distance", "distance_unit", "face_type", "arrows_per_end", "arrow_set_id", "bow_id"] as const;

/**
 * The joinSession body for the choice, or the reason it cannot be sent yet. Bounds (distance,
 * arrows per end) are left to the inputs' contract attributes and the server's field messages.
 */
export function joinBody(choice: JoinChoice): JoinBody | { missing: string } {
  const equipment = {
    ...(choice.equipment.arrow_set_id === null ? {} : { arrow_set_id: choice.equipment.arrow_set_id }),
    ...(choice.equipment.bow_id === null ? {} : { bow_id: choice.equipment.bow_id }),
  };
  if (choice.mode === "round") {
    return choice.round_code === null
      ? { missing: "Choose a round, or switch to free practice." }
      : { round_code: choice.round_code, ...equipment };
  }
  const { face_type, distance, distance_unit, arrows_per_end } = choice.free;
  if (distance === null) return { missing: "Enter the distance you shoot at." };
  return { face_type, distance, distance_unit, arrows_per_end, ...equipment };
}

/**
 * One Idempotency-Key per distinct request body: resending the same body after a lost answer
 * reuses the key (the server replays its first answer instead of creating a second session or
 * slot); a changed body gets a fresh key, since reusing one with another body is a 422.
 */
export function idempotencyKeys(newKey: () => string = randomKey): (body: unknown) => string {
  const keys = new Map<string, string>();
  return (body) => {
    const text = JSON.stringify(body);
    let key = keys.get(text);
    if (key === undefined) {
      key = newKey();
      keys.set(text, key);
    }
    return key;
  };
}

/** `crypto.randomUUID` exists only in secure contexts; a phone on the club's LAN over http has none. */
function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
