import createClient, { type Client, type Middleware } from "openapi-fetch";

import type { components, paths } from "./types.generated";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type AccessToken = Schemas["AccessToken"];
export type Archer = Schemas["Archer"];
export type ArcherRegistration = Schemas["ArcherRegistration"];
export type Face = Schemas["Face"];
export type FaceList = Schemas["FaceList"];
export type Ring = Schemas["Ring"];
export type RingColour = Schemas["RingColour"];
export type Spot = Schemas["Spot"];

export interface ApiClientOptions {
  /** Origin (and optional prefix) of the API; the default "" means same origin. */
  baseUrl?: string;
  /** A replacement for `globalThis.fetch`, e.g. a fake in tests. */
  fetch?: (request: Request) => Promise<Response>;
  /** A bearer token to start with. */
  token?: string | null;
}

export interface ApiClient extends Client<paths> {
  /** Sends `Authorization: Bearer <token>` on every later request; `null` stops it. */
  setToken(token: string | null): void;
  getToken(): string | null;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  let token = options.token ?? null;
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  const bearerAuth: Middleware = {
    onRequest({ request }) {
      // Operations with `security: []` ignore the header, so sending it everywhere is harmless.
      if (token !== null) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      return request;
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
