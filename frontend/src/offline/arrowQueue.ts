// INTERFACE AGREED BETWEEN HELPERS: keep these exports and their meaning; implementation TBD.
import type { Ref } from "vue";

import type { PlottedArrow, Problem, Shot, ValueArrow } from "../api/client";

export type QueuedArrow = PlottedArrow | ValueArrow;

export interface PendingArrow {
  /** The request's Idempotency-Key; also the arrow's local id until the server stores it. */
  key: string;
  slotId: string;
  /** The body's one arrow, with `shot_at` set when it was plotted. */
  arrow: QueuedArrow;
  /** When it was queued (ISO 8601): arrows are sent in this order. */
  queuedAt: string;
  /** waiting: not sent yet, or to be retried; sending: in flight; rejected: the server said no. */
  state: "waiting" | "sending" | "rejected";
  /** The server's problem when rejected (4xx other than 408/429), else null. */
  problem: Problem | null;
}

export interface ArrowQueue {
  /** Every arrow not yet stored by the server, all slots, oldest first. */
  pending: Ref<PendingArrow[]>;
  /** Keeps the arrow in IndexedDB, then tries to send it (and every older one) in order. */
  enqueue(slotId: string, arrow: QueuedArrow): Promise<PendingArrow>;
  /** Moves or re-enters an arrow that is still waiting (not sending, not stored). */
  replace(key: string, arrow: QueuedArrow): Promise<void>;
  /** Sends what is waiting, in order; stops at the first network failure or 503. */
  flush(): Promise<void>;
  /** The archer dismisses a rejected arrow, after reading the server's problem. */
  discard(key: string): Promise<void>;
  /** Called once per arrow the server stored, with the stored shots (scored by the server). */
  onStored(listener: (stored: { key: string; slotId: string; shots: Shot[] }) => void): () => void;
}

export declare function useArrowQueue(): ArrowQueue;
