import type { ApiClient, Session, Slot } from "../../api/client";

export interface SessionWithSlots {
  session: Session | null;
  slots: Slot[];
  /** True when the session does not exist for this archer (a stranger holding its link). */
  notFound: boolean;
  /** The problem of either request, for the alert; undefined when both succeeded. */
  error: unknown;
}

/** A session and its slots, read together as every session screen needs them. */
export async function fetchSessionWithSlots(api: ApiClient, sessionId: string): Promise<SessionWithSlots> {
  const path = { session_id: sessionId };
  const [found, listed] = await Promise.all([
    api.GET("/api/v0/session/{session_id}", { params: { path } }),
    api.GET("/api/v0/session/{session_id}/slot", { params: { path } }),
  ]);
  return {
    session: found.data ?? null,
    slots: listed.data?.items ?? [],
    notFound: found.response.status === 404,
    error: found.error ?? listed.error,
  };
}
