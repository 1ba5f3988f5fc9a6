import type { ApiClient, Session, Slot } from "../../api/client";
import { everyPage, pageQuery } from "../../api/pages";

export interface SessionWithSlots {
  session: Session | null;
  slots: Slot[];
  /** True when the session does not exist for this archer (a stranger holding its link). */
  notFound: boolean;
  /** The problem of either request, for the alert; undefined when both succeeded. */
  error: unknown;
  /** The status of the failed request (a proxy's 502 says "unreachable", a 404 "no"). */
  status: number | undefined;
}

/** A session and its slots, read together as every session screen needs them. */
export async function fetchSessionWithSlots(api: ApiClient, sessionId: string): Promise<SessionWithSlots> {
  const path = { session_id: sessionId };
  const [found, listed] = await Promise.all([
    api.GET("/api/v0/session/{session_id}", { params: { path } }),
    everyPage((cursor) =>
      api.GET("/api/v0/session/{session_id}/slot", { params: { path, query: pageQuery(cursor) } }),
    ),
  ]);
  const failed = [found, listed].find((answer) => answer.error !== undefined);
  return {
    session: found.data ?? null,
    slots: listed.data?.items ?? [],
    notFound: found.response.status === 404,
    error: failed?.error,
    status: failed?.response.status,
  };
}
