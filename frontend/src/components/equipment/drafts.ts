import type { ArrowSet, ArrowSetCreate, Bow, BowCreate, Bowstyle } from "../../api/client";

/** A number input's v-model yields "" while it is empty. */
type NumberInput = number | "";

export interface BowDraft {
  name: string;
  bowstyle: Bowstyle;
  draw_weight_lb: NumberInput;
}

export interface ArrowSetDraft {
  name: string;
  shaft_diameter_mm: NumberInput;
  arrow_count: NumberInput;
}

export function bowDraft(bow?: Bow, bowstyle: Bowstyle = "recurve"): BowDraft {
  return { name: bow?.name ?? "", bowstyle: bow?.bowstyle ?? bowstyle, draw_weight_lb: bow?.draw_weight_lb ?? "" };
}

// An empty number is sent as 0, which the server rejects next to the field.
export function bowBody(draft: BowDraft): BowCreate {
  return { name: draft.name, bowstyle: draft.bowstyle, draw_weight_lb: Number(draft.draw_weight_lb) };
}

export function arrowSetDraft(arrowSet?: ArrowSet): ArrowSetDraft {
  return {
    name: arrowSet?.name ?? "",
    shaft_diameter_mm: arrowSet?.shaft_diameter_mm ?? "",
    arrow_count: arrowSet?.arrow_count ?? "",
  };
}

export function arrowSetBody(draft: ArrowSetDraft): ArrowSetCreate {
  return {
    name: draft.name,
    shaft_diameter_mm: Number(draft.shaft_diameter_mm),
    arrow_count: Number(draft.arrow_count),
  };
}
