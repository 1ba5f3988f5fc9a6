// Answers of a fake API for component tests: what the server sends, built from the contract's types.
import type { Archer, Problem } from "./client";

/** A JSON answer; a status of 400 or more is sent as problem+json. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });
}

/** A problem document as the server writes it. */
export function problem(status: number, code: string, detail: string, errors?: Problem["errors"]): Problem {
  return { type: `/problems/${code}`, title: "Error", status, detail, instance: "/api/v0", code, request_id: "r", ...(errors ? { errors } : {}) };
}

/** An archer as `getMyArcher` answers. */
export const archerFixture: Archer = {
  id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
  email: "robin@example.org",
  first_name: "Robin",
  last_name: "Hood",
  bowstyle: "longbow",
  draw_weight_lb: 45,
  date_of_birth: null,
  gender: null,
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
};
