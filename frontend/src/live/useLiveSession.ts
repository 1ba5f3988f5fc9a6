// INTERFACE AGREED BETWEEN HELPERS: keep these exports and their meaning; implementation TBD.
import type { Ref } from "vue";

import type { Leaderboard, Session, Slot, SlotStatistics } from "../api/client";
import type { WsMessages } from "../api/ws.generated";

/** connecting: first connection; live: snapshot received; reconnecting: lost, retrying with back-off;
 * offline: the browser is offline, waiting for the network; closed: stopped for good (4404 or closed by the screen). */
export type LiveConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "closed";

export type ShotEvent = WsMessages["shot.created"] | WsMessages["shot.updated"] | WsMessages["shot.deleted"];

export interface LiveSession {
  connection: Ref<LiveConnectionState>;
  session: Ref<Session | null>;
  slots: Ref<Slot[]>;
  /** The latest statistics of each slot, by slot id (replaced wholesale by every event). */
  statistics: Ref<Record<string, SlotStatistics>>;
  leaderboard: Ref<Leaderboard | null>;
  /** Arrow events, for screens that keep arrows (the snapshot carries none). */
  onShotEvent(listener: (event: ShotEvent) => void): () => void;
  /** A (re)connection's snapshot replaced the state: screens re-read what the snapshot lacks. */
  onSnapshot(listener: (snapshot: WsMessages["session.snapshot"]) => void): () => void;
  close(): void;
}

/** Watches a session live: gets a ticket, connects, reconnects; closes when the calling scope ends. */
export declare function useLiveSession(sessionId: string): LiveSession;
