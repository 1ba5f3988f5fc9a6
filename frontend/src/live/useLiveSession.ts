// A session watched live over its WebSocket: the server's state, kept current by its events.
import { getCurrentScope, onScopeDispose, ref, type Ref } from "vue";

import type { ApiClient, Leaderboard, Session, Slot, SlotStatistics } from "../api/client";
import { useApi } from "../api/inject";
import { WS_CHANNEL_ADDRESS, type WsMessage, type WsMessages } from "../api/ws.generated";
import { browserOnline, browserWindow } from "../offline/network";

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
  /** The latest personal best announced for each slot (`slot.personal_best`), by slot id. */
  personalBests: Ref<Record<string, WsMessages["slot.personal_best"]["data"]>>;
  /** Arrow events, for screens that keep arrows (the snapshot carries none). */
  onShotEvent(listener: (event: ShotEvent) => void): () => void;
  /** A (re)connection's snapshot replaced the state: screens re-read what the snapshot lacks. */
  onSnapshot(listener: (snapshot: WsMessages["session.snapshot"]) => void): () => void;
  close(): void;
}

/** The contract's heartbeat comes every 30 s: two missed ones (and some slack) mean a dead link. */
export const SILENCE_LIMIT_MS = 75_000;
export const RECONNECT_MIN_MS = 500;
export const RECONNECT_MAX_MS = 15_000;
/** The session is gone or not visible to this archer: watching it again cannot help. */
const SESSION_NOT_FOUND = 4404;

/** The part of a WebSocket this uses, so tests can hand in a fake. */
export type LiveSocket = Pick<WebSocket, "close" | "onopen" | "onmessage" | "onclose" | "onerror">;

export interface LiveSessionOptions {
  api: ApiClient;
  /** Opens the socket; the browser's WebSocket by default. */
  connect?: (url: string) => LiveSocket;
  /** The page's address, which the channel's address is resolved against. */
  page?: () => string;
  /** Prefix of the API's address (the app's VITE_API_BASE_URL); "" for the page's origin. */
  baseUrl?: string;
  /** False while the device has no network. */
  isOnline?: () => boolean;
  /** Where the browser's `online` and `offline` events fire (the window). */
  events?: EventTarget | null;
  /** 0 ≤ n < 1, for the reconnect jitter. */
  random?: () => number;
}

/** The channel's address for one ticket, ws: or wss: like the page. */
export function channelUrl(sessionId: string, ticket: string, page: string, baseUrl = ""): string {
  const path = WS_CHANNEL_ADDRESS.replace("{session_id}", encodeURIComponent(sessionId));
  const url = new URL(`${baseUrl}${path}`, page);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("ticket", ticket);
  return url.toString();
}

/** Exponential back-off with jitter, so a whole range does not reconnect in the same instant. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MIN_MS * 2 ** attempt, RECONNECT_MAX_MS);
  return ceiling / 2 + (random() * ceiling) / 2;
}

function isMessage(value: unknown): value is WsMessage {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

function sortedSlots(slots: Slot[]): Slot[] {
  return [...slots].sort((a, b) => a.lane - b.lane || a.letter.localeCompare(b.letter));
}

function emitAll<T>(listeners: Set<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      // A screen's bug must not cut the live state off for the others.
      console.error(error);
    }
  }
}

export function createLiveSession(sessionId: string, options: LiveSessionOptions): LiveSession {
  const { api } = options;
  const connect = options.connect ?? ((url: string) => new WebSocket(url));
  const page = options.page ?? (() => window.location.href);
  const isOnline = options.isOnline ?? browserOnline;
  const events = options.events === undefined ? browserWindow() : options.events;
  const random = options.random ?? Math.random;

  const connection = ref<LiveConnectionState>("connecting");
  const session = ref<Session | null>(null);
  const slots = ref<Slot[]>([]);
  const statistics = ref<Record<string, SlotStatistics>>({});
  const leaderboard = ref<Leaderboard | null>(null);
  const personalBests = ref<Record<string, WsMessages["slot.personal_best"]["data"]>>({});
  const shotListeners = new Set<(event: ShotEvent) => void>();
  const snapshotListeners = new Set<(snapshot: WsMessages["session.snapshot"]) => void>();

  let socket: LiveSocket | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let silenceTimer: ReturnType<typeof setTimeout> | null = null;
  // Bumped by every new connection: answers and events of an older one are dropped.
  let generation = 0;
  let leaderboardLoading = false;
  let leaderboardAgain = false;

  const stopped = (): boolean => connection.value === "closed";

  function clearTimers(): void {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    reconnectTimer = null;
    silenceTimer = null;
  }

  /** Forgets the current socket without letting its close event schedule anything. */
  function dropSocket(): void {
    generation += 1;
    clearTimers();
    if (socket === null) return;
    const old = socket;
    socket = null;
    old.onopen = old.onmessage = old.onclose = old.onerror = null;
    old.close();
  }

  function retryLater(): void {
    dropSocket();
    if (stopped()) return;
    if (!isOnline()) {
      connection.value = "offline";
      return;
    }
    connection.value = "reconnecting";
    reconnectTimer = setTimeout(() => void open(), reconnectDelay(attempt, random));
    attempt += 1;
  }

  function stop(): void {
    dropSocket();
    connection.value = "closed";
    events?.removeEventListener("online", onOnline);
    events?.removeEventListener("offline", onOffline);
  }

  function watchSilence(): void {
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    silenceTimer = setTimeout(retryLater, SILENCE_LIMIT_MS);
  }

  async function open(): Promise<void> {
    dropSocket();
    const current = generation;
    if (!isOnline()) {
      connection.value = "offline";
      return;
    }
    if (connection.value !== "connecting") connection.value = "reconnecting";
    // Tickets are single-use: every connection gets its own.
    let ticket: string;
    try {
      const { data, response } = await api.POST("/api/v0/session/{session_id}/ws_ticket", {
        params: { path: { session_id: sessionId } },
      });
      if (current !== generation || stopped()) return;
      if (data === undefined) {
        // No such session (or not ours), or signed out: nothing to watch. Else try again later.
        if (response.status < 500 && response.status !== 408 && response.status !== 429) stop();
        else retryLater();
        return;
      }
      ticket = data.ticket;
    } catch {
      if (current === generation && !stopped()) retryLater();
      return;
    }

    const opened = connect(channelUrl(sessionId, ticket, page(), options.baseUrl));
    socket = opened;
    watchSilence();
    opened.onmessage = (event: MessageEvent) => {
      watchSilence();
      if (typeof event.data === "string") receive(event.data);
    };
    opened.onclose = (event: CloseEvent) => {
      if (event.code === SESSION_NOT_FOUND) stop();
      else retryLater();
    };
  }

  function receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isMessage(message)) return;
    switch (message.type) {
      case "session.snapshot": {
        const { data } = message;
        session.value = data.session;
        slots.value = data.slots;
        statistics.value = Object.fromEntries(data.statistics.map((stats) => [stats.slot_id, stats]));
        leaderboard.value = data.leaderboard;
        connection.value = "live";
        attempt = 0;
        emitAll(snapshotListeners, message);
        break;
      }
      case "shot.created":
      case "shot.updated":
      case "shot.deleted":
        statistics.value = { ...statistics.value, [message.data.slot_id]: message.data.statistics };
        emitAll(shotListeners, message);
        refreshLeaderboard();
        break;
      case "slot.joined":
      case "slot.left": {
        const slot = message.data;
        slots.value = sortedSlots([...slots.value.filter((known) => known.id !== slot.id), slot]);
        break;
      }
      case "session.updated":
      case "session.closed":
        session.value = message.data;
        break;
      case "slot.personal_best":
        personalBests.value = { ...personalBests.value, [message.data.slot_id]: message.data };
        break;
      default:
        // The heartbeat (it only proves the link is alive), or a type newer than this app.
        break;
    }
  }

  /** Events carry statistics but not ranks: ask for the leaderboard, at most once at a time. */
  function refreshLeaderboard(): void {
    if (leaderboardLoading) {
      leaderboardAgain = true;
      return;
    }
    leaderboardLoading = true;
    void (async () => {
      try {
        do {
          leaderboardAgain = false;
          const { data } = await api.GET("/api/v0/session/{session_id}/leaderboard", {
            params: { path: { session_id: sessionId } },
          });
          if (data !== undefined && !stopped()) leaderboard.value = data;
        } while (leaderboardAgain && !stopped());
      } catch {
        // Offline: the next event or snapshot brings it.
      } finally {
        leaderboardLoading = false;
      }
    })();
  }

  function onOnline(): void {
    attempt = 0;
    void open();
  }

  function onOffline(): void {
    dropSocket();
    connection.value = "offline";
  }

  events?.addEventListener("online", onOnline);
  events?.addEventListener("offline", onOffline);
  void open();

  return {
    connection,
    session,
    slots,
    statistics,
    leaderboard,
    personalBests,
    onShotEvent(listener) {
      shotListeners.add(listener);
      return () => shotListeners.delete(listener);
    },
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    close: stop,
  };
}

/** Watches a session live: gets a ticket, connects, reconnects; closes when the calling scope ends. */
export function useLiveSession(sessionId: string): LiveSession {
  const live = createLiveSession(sessionId, {
    api: useApi(),
    baseUrl: import.meta.env.VITE_API_BASE_URL ?? "",
  });
  if (getCurrentScope() !== undefined) onScopeDispose(live.close);
  return live;
}
