import type { Bowstyle, Gender } from "../../api/client";

/** How the contract's enum values read on screen; `Record` makes a new contract value a type error. */
export const BOWSTYLE_LABELS: Record<Bowstyle, string> = {
  recurve: "Recurve",
  compound: "Compound",
  barebow: "Barebow",
  longbow: "Longbow",
};

export const GENDER_LABELS: Record<Gender, string> = {
  female: "Female",
  male: "Male",
  non_binary: "Non-binary",
  other: "Other",
  unspecified: "Prefer not to say",
};
