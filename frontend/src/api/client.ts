import createClient, { type Client, type Middleware } from "openapi-fetch";

import type { components, paths } from "./types.generated";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type AccessToken = Schemas["AccessToken"];
export type Archer = Schemas["Archer"];
export type ArcherRegistration = Schemas["ArcherRegistration"];
export type ArcherUpdate = Schemas["ArcherUpdate"];
export type Bowstyle = Schemas["Bowstyle"];
export type Gender = Schemas["Gender"];
export type Face = Schemas["Face"];
export type FaceType = Schemas["FaceType"];
export type FaceList = Schemas["FaceList"];
export type Ring = Schemas["Ring"];
export type RingColour = Schemas["RingColour"];
export type Spot = Schemas["Spot"];
export type Round = Schemas["Round"];
export type RoundPass = Schemas["RoundPass"];
export type Session = Schemas["Session"];
export type SessionCreate = Schemas["SessionCreate"];
export type Slot = Schemas["Slot"];
export type SlotJoinFree = Schemas["SlotJoinFree"];
export type SlotJoinRound = Schemas["SlotJoinRound"];
export type Shot = Schemas["Shot"];
export type PlottedArrow = Schemas["PlottedArrow"];
export type ValueArrow = Schemas["ValueArrow"];
export type ArrowValue = Schemas["ArrowValue"];
export type SlotStatistics = Schemas["SlotStatistics"];
export type Leaderboard = Schemas["Leaderboard"];
export type LeaderboardEntry = Schemas["LeaderboardEntry"];
export type Bow = Schemas["Bow"];
export type BowCreate = Schemas["BowCreate"];
export type ArrowSet = Schemas["ArrowSet"];
export type ArrowSetCreate = Schemas["ArrowSetCreate"];
export type OidcProviderId = Schemas["OidcProviderId"];
export type PersonalAccessToken = Schemas["PersonalAccessToken"];
export type PersonalAccessTokenCreated = Schemas["PersonalAccessTokenCreated"];
export type AccessTokenCreate = Schemas["AccessTokenCreate"];
export type TokenScope = Schemas["TokenScope"];
export type DistanceUnit = Schemas["DistanceUnit"];
export type HistorySummary = Schemas["HistorySummary"];
export type HistoryWeek = Schemas["HistoryWeek"];
export type HistoryTrend = Schemas["HistoryTrend"];
export type HistoryHeatmap = Schemas["HistoryHeatmap"];
export type HandicapPoint = Schemas["HandicapPoint"];
export type SlotHandicap = Schemas["SlotHandicap"];
export type PersonalBests = Schemas["PersonalBests"];
export type SlotGroup = Schemas["SlotGroup"];
export type GroupEllipse = Schemas["GroupEllipse"];
export type ArrowSetRanking = Schemas["ArrowSetRanking"];
export type ArrowRanking = Schemas["ArrowRanking"];

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the API; the default "" means same origin. */
  baseUrl?: string;
  /** A replacement for `globalThis.fetch`, e.g. a fake in tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** A bearer token to start with. */
  token?: string | null;
  /** How long a request may take before it fails with a TimeoutError (default 20 s). */
  timeoutMs?: number;
}

/** A request with one bar of signal can hang for minutes: give up, so the app can fall back or retry. */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface ApiClient extends Client<paths> {
  /** Sends `Authorization: Bearer <token>` on every later request; `null` stops it. */
  setToken(token: string | null): void;
  getToken(): string | null;
  /** Called when an authenticated request answers 401: the token expired or was revoked. */
  onUnauthorized(listener: () => void): void;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  let token = options.token ?? null;
  const unauthorizedListeners: Array<() => void> = [];
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  // A controller of our own rather than AbortSignal.any(): Node lets `any` drop a timeout
  // signal it holds only weakly, and then the request hangs after all.
  async function sendWithTimeout(request: Request): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException("The request timed out.", "TimeoutError")),
      timeoutMs,
    );
    const forwardAbort = (): void => controller.abort(request.signal.reason);
    request.signal.addEventListener("abort", forwardAbort, { once: true });
    try {
      return await send(new Request(request, { signal: controller.signal }));
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", forwardAbort);
    }
  }
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? "", fetch: sendWithTimeout });

  const bearerAuth: Middleware = {
    onRequest({ request }) {
      // Operations with `security: []` ignore the header, so sending it everywhere is harmless.
      if (token !== null) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
    },
    onResponse({ request, response }) {
      // A 401 to a request that carried a token means the token is dead; a 401 to a login
      // attempt (no token) is just a wrong password.
      if (response.status === 401 && request.headers.has("Authorization")) {
        unauthorizedListeners.forEach((listener) => listener());
      }
      return response;
    },
  };
  client.use(bearerAuth);

  return Object.assign(client, {
    setToken(next: string | null): void {
      token = next;
    },
    getToken(): string | null {
      return token;
    },
    onUnauthorized(listener: () => void): void {
      unauthorizedListeners.push(listener);
    },
  });
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate["status"] === "number" &&
    typeof candidate["title"] === "string" &&
    typeof candidate["code"] === "string"
  );
}

/**
 * Turns the `error` of an openapi-fetch result (a Problem document, a non-JSON body or a
 * thrown network error) into one readable sentence for the UI.
 */
export function describeError(error: unknown, response?: Response): string {
  if (isProblem(error)) {
    const detail = error.detail.trim() === "" ? error.title : error.detail;
    const fields = (error.errors ?? []).map((field) => `${field.pointer}: ${field.detail}`);
    return fields.length === 0 ? detail : `${detail} (${fields.join("; ")})`;
  }
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return "The server took too long to answer. Check your connection and try again.";
  }
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the network is down or the server unreachable.
    return "Cannot reach the server. Check your connection and try again.";
  }
  if (error instanceof Error) {
    return error.message;
  }
  const status = response === undefined ? "" : `${response.status} ${response.statusText}`.trim();
  const body = typeof error === "string" ? error.trim() : "";
  if (status !== "" && body !== "") {
    return `${status}: ${body.slice(0, 200)}`;
  }
  return status !== "" ? `Request failed with ${status}` : body || "Request failed";
}

/**
 * The per-field messages of a problem, keyed by the top-level body field they point at
 * (`/email` -> `email`, `/arrows/0/x_mm` -> `arrows`); parameter pointers keep their form.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isProblem(error)) return {};
  const byField: Record<string, string> = {};
  for (const { pointer, detail } of error.errors ?? []) {
    const field = pointer.startsWith("/") ? (pointer.slice(1).split("/")[0] ?? "") : pointer;
    const decoded = field.replaceAll("~1", "/").replaceAll("~0", "~");
    byField[decoded] = byField[decoded] === undefined ? detail : `${byField[decoded]}; ${detail}`;
  }
  return byField;
}
