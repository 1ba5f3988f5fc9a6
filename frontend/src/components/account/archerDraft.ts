import type { Archer, ArcherRegistration, ArcherUpdate, Bowstyle, Gender } from "../../api/client";
import { changedFields } from "../../composables/changes";

/** An archer's details as the form's inputs hold them ("" for an empty optional field). */
export interface ArcherDraft {
  email: string;
  first_name: string;
  last_name: string;
  bowstyle: Bowstyle;
  /** A number input's v-model yields "" while it is empty. */
  draw_weight_lb: number | "";
  date_of_birth: string;
  gender: Gender | "";
}

/** The details every archer form edits, as the wire has them. */
type ArcherDetails = Required<ArcherUpdate>;

export const ARCHER_DETAIL_FIELDS = [
  "email",
  "first_name",
  "last_name",
  "bowstyle",
  "draw_weight_lb",
  "date_of_birth",
  "gender",
] as const satisfies readonly (keyof ArcherDetails)[];

export function archerDraft(archer?: Archer | null): ArcherDraft {
  return {
    email: archer?.email ?? "",
    first_name: archer?.first_name ?? "",
    last_name: archer?.last_name ?? "",
    bowstyle: archer?.bowstyle ?? "recurve",
    draw_weight_lb: archer?.draw_weight_lb ?? "",
    date_of_birth: archer?.date_of_birth ?? "",
    gender: archer?.gender ?? "",
  };
}

function detailsOf(draft: ArcherDraft): ArcherDetails {
  return {
    email: draft.email,
    first_name: draft.first_name,
    last_name: draft.last_name,
    bowstyle: draft.bowstyle,
    // An empty number is sent as 0, which the server rejects next to the field.
    draw_weight_lb: Number(draft.draw_weight_lb),
    date_of_birth: draft.date_of_birth === "" ? null : draft.date_of_birth,
    gender: draft.gender === "" ? null : draft.gender,
  };
}

/** The sign-up body; optional details left empty are left out. */
export function registrationFrom(draft: ArcherDraft, password: string): ArcherRegistration {
  const { date_of_birth, gender, ...required } = detailsOf(draft);
  return {
    ...required,
    password,
    ...(date_of_birth === null ? {} : { date_of_birth }),
    ...(gender === null ? {} : { gender }),
  };
}

/** The PATCH body: only what differs from the stored archer (a cleared optional field is null). */
export function archerUpdateFrom(archer: Archer, draft: ArcherDraft): ArcherUpdate {
  return changedFields(detailsOf(archerDraft(archer)), detailsOf(draft));
}
