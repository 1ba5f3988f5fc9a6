import type { AccessTokenCreate, PersonalAccessToken, PersonalAccessTokenCreated } from "../../api/client";

export type ExpiresInDays = AccessTokenCreate["expires_in_days"];

/** The lifetimes the form offers: the contract allows 1 to 365 days, or none. */
export const EXPIRY_CHOICES: readonly { days: ExpiresInDays; label: string }[] = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: null, label: "Never" },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a token created now with this lifetime would expire; null if never. */
export function expiryFrom(days: ExpiresInDays, now: Date = new Date()): Date | null {
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

/** The token as the list keeps it: the secret goes no further than the panel that shows it once. */
export function withoutSecret(created: PersonalAccessTokenCreated): PersonalAccessToken {
  const { token: _secret, ...token } = created;
  return token;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A date and time as the archer's locale writes it. */
export function formatWhen(when: string | Date): string {
  return dateTime.format(typeof when === "string" ? new Date(when) : when);
}
