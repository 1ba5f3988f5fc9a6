// Which end and pass an arrow falls in, as the server numbers them (services/shots.py
// `place_arrow`): ends run through the whole round and every pass starts a new end.
import type { FaceType, Round, Slot } from "../api/client";

export interface PlanPass {
  face_type: FaceType;
  distance: number;
  distance_unit: Slot["distance_unit"];
  arrows_per_end: number;
  /** Arrows of the pass; null for open-ended practice. */
  arrows: number | null;
}

export interface Placement {
  passIndex: number;
  end_number: number;
  position: number;
}

/** The passes a slot shoots: its round's, or one open-ended pass of free practice. */
export function shootingPlan(slot: Slot, round: Round | undefined): PlanPass[] {
  if (round === undefined) {
    return [
      {
        face_type: slot.face_type,
        distance: slot.distance,
        distance_unit: slot.distance_unit,
        arrows_per_end: slot.arrows_per_end,
        arrows: null,
      },
    ];
  }
  return round.passes.map((pass) => ({ ...pass }));
}

const endsOf = (pass: PlanPass): number => Math.ceil((pass.arrows ?? Infinity) / pass.arrows_per_end);

/** Where the arrow with 0-based sequence number `seq` goes; null past the end of the round. */
export function placeArrow(plan: readonly PlanPass[], seq: number): Placement | null {
  let endsBefore = 0;
  let rest = seq;
  for (const [passIndex, pass] of plan.entries()) {
    if (pass.arrows === null || rest < pass.arrows) {
      return {
        passIndex,
        end_number: endsBefore + Math.floor(rest / pass.arrows_per_end) + 1,
        position: (rest % pass.arrows_per_end) + 1,
      };
    }
    rest -= pass.arrows;
    endsBefore += endsOf(pass);
  }
  return null;
}

interface EndInPass {
  passIndex: number;
  pass: PlanPass;
  /** 0-based end within its pass. */
  endInPass: number;
  arrowsBefore: number;
}

function locateEnd(plan: readonly PlanPass[], endNumber: number): EndInPass | null {
  let endsBefore = 0;
  let arrowsBefore = 0;
  for (const [passIndex, pass] of plan.entries()) {
    const endInPass = endNumber - endsBefore - 1;
    if (endInPass >= 0 && endInPass < endsOf(pass)) return { passIndex, pass, endInPass, arrowsBefore };
    endsBefore += endsOf(pass);
    arrowsBefore += pass.arrows ?? 0;
  }
  return null;
}

/** The 0-based sequence number of an arrow from its end and position; null outside the plan. */
export function sequenceOf(plan: readonly PlanPass[], endNumber: number, position: number): number | null {
  const found = locateEnd(plan, endNumber);
  if (found === null) return null;
  return found.arrowsBefore + found.endInPass * found.pass.arrows_per_end + position - 1;
}

/** The pass (0-based) an end belongs to; null outside the plan. */
export function passOfEnd(plan: readonly PlanPass[], endNumber: number): number | null {
  return locateEnd(plan, endNumber)?.passIndex ?? null;
}

/** How many arrows an end holds: the pass's end size, less for a pass's short last end. */
export function endCapacity(plan: readonly PlanPass[], endNumber: number): number {
  const found = locateEnd(plan, endNumber);
  if (found === null) return plan[0]?.arrows_per_end ?? 0;
  const { pass, endInPass } = found;
  if (pass.arrows === null) return pass.arrows_per_end;
  return Math.min(pass.arrows_per_end, pass.arrows - endInPass * pass.arrows_per_end);
}

/** The number of ends of the whole round; null for open-ended practice. */
export function totalEnds(plan: readonly PlanPass[]): number | null {
  if (plan.some((pass) => pass.arrows === null)) return null;
  return plan.reduce((sum, pass) => sum + endsOf(pass), 0);
}

/** "End 4 of 12 · distance 2 of 2" for a round, "End 4" for free practice. */
export function progressText(plan: readonly PlanPass[], endNumber: number): string {
  const ends = totalEnds(plan);
  if (ends === null) return `End ${endNumber}`;
  const passIndex = passOfEnd(plan, endNumber);
  const distance = plan.length > 1 && passIndex !== null ? ` · distance ${passIndex + 1} of ${plan.length}` : "";
  return `End ${endNumber} of ${ends}${distance}`;
}
