import { createApp, effectScope } from "vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { apiKey } from "../api/inject";
import { createApiClient, type Leaderboard, type Session, type Slot, type SlotStatistics } from "../api/client";
import type { WsMessages } from "../api/ws.generated";
import { slotAt } from "../scoring/fixtures";
import {
  RECONNECT_MAX_MS,
  SILENCE_LIMIT_MS,
  channelUrl,
  createLiveSession,
  reconnectDelay,
  useLiveSession,
  type LiveSession,
  type LiveSocket,
} from "./useLiveSession";

const SESSION_ID = "9a1e4c52-3b9f-4d1e-8f7a-0c2d3e4f5a60";
const SLOT_A = "00000000-0000-4000-8000-00000000000a";
const SLOT_B = "00000000-0000-4000-8000-00000000000b";

/** A WebSocket the test drives: the server's side is `receive` and `drop`. */
class FakeSocket implements LiveSocket {
  static opened: FakeSocket[] = [];
  onopen: LiveSocket["onopen"] = null;
  onmessage: LiveSocket["onmessage"] = null;
  onclose: LiveSocket["onclose"] = null;
  onerror: LiveSocket["onerror"] = null;
  closed = false;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  close(): void {
    this.closed = true;
  }

  receive(message: unknown): void {
    const data = typeof message === "string" ? message : JSON.stringify(message);
    this.onmessage?.call(this as unknown as WebSocket, { data } as MessageEvent);
  }

  drop(code: number): void {
    this.onclose?.call(this as unknown as WebSocket, { code } as CloseEvent);
  }

  get ticket(): string | null {
    return new URL(this.url).searchParams.get("ticket");
  }
}

const session = (overrides: Partial<Session> = {}): Session => ({
  id: SESSION_ID,
  owner_archer_id: "owner",
  is_opened: true,
  start_time: "2026-11-26T10:00:00Z",
  location: "Club field",
  is_indoor: false,
  distance: 70,
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:00:00Z",
  closed_at: null,
  ...overrides,
});

/** Archer A or B at lane 1 of the test session. */
const slot = (id: string, letter: Slot["letter"]): Slot => slotAt(1, letter, { id, session_id: SESSION_ID });

const stats = (slotId: string, total: number): SlotStatistics => ({
  slot_id: slotId,
  arrows_shot: total === 0 ? 0 : 1,
  total_score: total,
  max_possible_score: 10,
  percentage: null,
  mean_per_arrow: null,
  x_count: 0,
  ten_count: 0,
  miss_count: 0,
  ends: [],
  end_count: 0,
  histogram: [],
  mean_point_of_impact: null,
  group_spread: null,
});

const board = (total: number): Leaderboard => ({ session_id: SESSION_ID, items: [
  {
    rank: 1,
    slot_id: SLOT_A,
    archer_id: "archer-A",
    archer_name: "Archer A",
    lane: 1,
    letter: "A",
    arrows_shot: 1,
    total_score: total,
    max_possible_score: 10,
    ten_count: 0,
    x_count: 0,
  },
] });

const snapshot = (total = 0, overrides: Partial<Session> = {}): WsMessages["session.snapshot"] => ({
  type: "session.snapshot",
  ts: "2026-11-26T10:00:00Z",
  event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000001",
  data: {
    session: session(overrides),
    slots: [slot(SLOT_A, "A")],
    statistics: [stats(SLOT_A, total)],
    leaderboard: board(total),
  },
});

const shotDeleted = (slotId: string, total: number): WsMessages["shot.deleted"] => ({
  type: "shot.deleted",
  ts: "2026-11-26T10:01:00Z",
  event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000002",
  data: { slot_id: slotId, shot_id: "shot-1", statistics: stats(slotId, total) },
});

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A fake API: tickets numbered in order, and a leaderboard whose total the test sets. */
function fakeApi() {
  const requests: string[] = [];
  let tickets = 0;
  let leaderboardTotal = 0;
  let ticketReply: () => Response | "network" = () => {
    tickets += 1;
    return json({ ticket: `ticket-${tickets}`, expires_at: "2026-11-26T10:00:30Z" }, 201);
  };
  let release: (() => void) | null = null;
  let holdLeaderboard = false;
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    if (path.endsWith("/ws_ticket")) {
      const reply = ticketReply();
      if (reply === "network") throw new TypeError("Failed to fetch");
      return reply;
    }
    if (holdLeaderboard) await new Promise<void>((resolve) => (release = resolve));
    return json(board(leaderboardTotal), 200);
  };
  return {
    api: createApiClient({ baseUrl: "http://quiver.test", fetch, token: "token" }),
    requests,
    leaderboardRequests: () => requests.filter((r) => r.endsWith("/leaderboard")).length,
    setLeaderboardTotal(total: number) {
      leaderboardTotal = total;
    },
    setTicketReply(reply: () => Response | "network") {
      ticketReply = reply;
    },
    hold() {
      holdLeaderboard = true;
    },
    releaseOne() {
      holdLeaderboard = false;
      release?.();
    },
  };
}

const lives: LiveSession[] = [];
function watch(api = fakeApi(), events: EventTarget | null = null, online = () => true) {
  const live = createLiveSession(SESSION_ID, {
    api: api.api,
    connect: (url) => new FakeSocket(url),
    page: () => "https://range.example/session/x",
    isOnline: online,
    events,
    random: () => 0.5,
  });
  lives.push(live);
  return { live, api };
}

/** Lets pending promises (the fake fetch) finish without moving the fake clock. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const lastSocket = (): FakeSocket => {
  const socket = FakeSocket.opened.at(-1);
  if (socket === undefined) throw new Error("no socket opened");
  return socket;
};

beforeEach(() => {
  FakeSocket.opened = [];
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});

afterEach(() => {
  lives.splice(0).forEach((live) => live.close());
  vi.useRealTimers();
});

describe("channelUrl", () => {
  it("uses wss: behind https and carries the ticket", () => {
    expect(channelUrl(SESSION_ID, "a b", "https://range.example/x")).toBe(
      `wss://range.example/ws/v0/session/${SESSION_ID}?ticket=a+b`,
    );
    expect(channelUrl(SESSION_ID, "t", "http://127.0.0.1:8000/")).toBe(
      `ws://127.0.0.1:8000/ws/v0/session/${SESSION_ID}?ticket=t`,
    );
  });

  it("follows an API served from another origin", () => {
    expect(channelUrl(SESSION_ID, "t", "http://localhost:5173/", "https://api.example")).toBe(
      `wss://api.example/ws/v0/session/${SESSION_ID}?ticket=t`,
    );
  });
});

describe("reconnectDelay", () => {
  it("doubles from half a second up to fifteen, with jitter", () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 0.999)).toBeCloseTo(500, 0);
    expect(reconnectDelay(3, () => 1)).toBe(4_000);
    expect(reconnectDelay(20, () => 1)).toBe(RECONNECT_MAX_MS);
  });
});

describe("createLiveSession", () => {
  it("connects with a ticket and is live once the snapshot has replaced the state", async () => {
    const { live } = watch();
    const snapshots: unknown[] = [];
    live.onSnapshot((message) => snapshots.push(message));
    expect(live.connection.value).toBe("connecting");

    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    expect(lastSocket().url).toBe(`wss://range.example/ws/v0/session/${SESSION_ID}?ticket=ticket-1`);
    expect(live.connection.value).toBe("connecting");

    lastSocket().receive(snapshot(9));
    expect(live.connection.value).toBe("live");
    expect(live.session.value?.id).toBe(SESSION_ID);
    expect(live.slots.value.map((s) => s.id)).toEqual([SLOT_A]);
    expect(live.statistics.value[SLOT_A]?.total_score).toBe(9);
    expect(live.leaderboard.value?.items[0]?.total_score).toBe(9);
    expect(snapshots).toHaveLength(1);
  });

  it("replaces statistics on arrow events and refetches the leaderboard", async () => {
    const { live, api } = watch();
    const seen: string[] = [];
    live.onShotEvent((event) => seen.push(event.type));
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot(0));

    api.setLeaderboardTotal(10);
    lastSocket().receive({
      type: "shot.created",
      ts: "2026-11-26T10:01:00Z",
      event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000003",
      data: { slot_id: SLOT_B, shots: [], statistics: stats(SLOT_B, 10) },
    } satisfies WsMessages["shot.created"]);

    expect(seen).toEqual(["shot.created"]);
    expect(live.statistics.value[SLOT_B]?.total_score).toBe(10);
    expect(live.statistics.value[SLOT_A]?.total_score).toBe(0);
    await vi.waitFor(() => expect(live.leaderboard.value?.items[0]?.total_score).toBe(10));
  });

  it("asks for the leaderboard at most once at a time, with one trailing request", async () => {
    const { api } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    api.hold();
    for (let total = 1; total <= 5; total += 1) lastSocket().receive(shotDeleted(SLOT_A, total));
    await vi.waitFor(() => expect(api.leaderboardRequests()).toBe(1));
    api.releaseOne();
    await vi.waitFor(() => expect(api.leaderboardRequests()).toBe(2));
    await vi.advanceTimersByTimeAsync(10);
    expect(api.leaderboardRequests()).toBe(2);
  });

  it("applies joins, leaves and session changes", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    const envelope = { ts: "2026-11-26T10:02:00Z", event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000004" } as const;

    lastSocket().receive({ ...envelope, type: "slot.joined", data: slot(SLOT_B, "B") });
    lastSocket().receive({ ...envelope, type: "slot.left", data: { ...slot(SLOT_A, "A"), is_active: false } });
    expect(live.slots.value.map((s) => [s.id, s.is_active])).toEqual([
      [SLOT_A, false],
      [SLOT_B, true],
    ]);

    lastSocket().receive({ ...envelope, type: "session.closed", data: session({ is_opened: false }) });
    expect(live.session.value?.is_opened).toBe(false);
  });

  it("keeps the latest personal best announced for each slot", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    const best = {
      slot_id: SLOT_A,
      session_id: "e4f4cbc7-3963-4fe1-a513-1d79d57c4751",
      start_time: "2026-11-26T10:00:00Z",
      arrows_shot: 30,
      total_score: 284,
      max_possible_score: 300,
      mean_per_arrow: 9.467,
      ten_count: 20,
      x_count: 20,
    };
    const announcement = (total: number) => ({
      ts: "2026-11-26T10:02:00Z",
      event_id: "5f0c7a1e-1d2b-4c3d-8e4f-000000000009",
      type: "slot.personal_best",
      data: {
        slot_id: SLOT_A,
        archer_id: "0b8f4a54-8a55-4c4e-9c4f-5a4c1b5d7e10",
        archer_name: "Robin Hood",
        kind: "round",
        round_code: "bray_i",
        face_type: null,
        distance: null,
        distance_unit: null,
        best: { ...best, total_score: total },
        previous: null,
      },
    });
    lastSocket().receive(announcement(280));
    lastSocket().receive(announcement(284));
    expect(live.personalBests.value[SLOT_A]?.best.total_score).toBe(284);
    expect(live.personalBests.value[SLOT_B]).toBeUndefined();
  });

  it("ignores what it does not understand", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot(3));
    lastSocket().receive("not json");
    lastSocket().receive({ type: "arrow.teleported", data: {} });
    lastSocket().receive([1, 2]);
    lastSocket().receive({ type: "heartbeat", ts: "2026-11-26T10:00:30Z" });
    expect(live.connection.value).toBe("live");
    expect(live.statistics.value[SLOT_A]?.total_score).toBe(3);
  });

  it.each([1001, 1006, 1011, 4401, 4408])("reconnects after %i with a new ticket, and the new snapshot wins", async (code) => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot(3));

    lastSocket().drop(code);
    expect(live.connection.value).toBe("reconnecting");
    // random() = 0.5: the first retry comes after 375 ms (half of 500 ms plus half the jitter).
    await vi.advanceTimersByTimeAsync(374);
    await settle();
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(FakeSocket.opened).toHaveLength(2);
    expect(lastSocket().ticket).toBe("ticket-2");

    lastSocket().receive(snapshot(7, { location: "Moved" }));
    expect(live.connection.value).toBe("live");
    expect(live.statistics.value[SLOT_A]?.total_score).toBe(7);
    expect(live.session.value?.location).toBe("Moved");
  });

  it("backs off longer after each failed attempt", async () => {
    const { api } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    api.setTicketReply(() => "network");
    lastSocket().drop(1006);
    const ticketRequests = () => api.requests.filter((r) => r.endsWith("/ws_ticket")).length;

    await vi.advanceTimersByTimeAsync(375); // attempt 0: 375 ms
    await settle();
    expect(ticketRequests()).toBe(2);
    await vi.advanceTimersByTimeAsync(749); // attempt 1: 750 ms
    expect(ticketRequests()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(ticketRequests()).toBe(3);
  });

  it("stops for good when the session is gone (4404)", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    lastSocket().drop(4404);
    expect(live.connection.value).toBe("closed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it("stops after a 4401 once the token itself is refused (signed out or expired)", async () => {
    const { live, api } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    api.setTicketReply(() => json({ status: 401 }, 401));
    lastSocket().drop(4401);
    await vi.advanceTimersByTimeAsync(375);
    await settle();
    expect(live.connection.value).toBe("closed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
  });

  it("stops when the ticket is refused because the session is not there", async () => {
    const api = fakeApi();
    api.setTicketReply(() => json({ status: 404 }, 404));
    const { live } = watch(api);
    await vi.waitFor(() => expect(live.connection.value).toBe("closed"));
    expect(FakeSocket.opened).toHaveLength(0);
  });

  it("treats a long silence as a dead connection", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());
    await vi.advanceTimersByTimeAsync(SILENCE_LIMIT_MS - 1_000);
    lastSocket().receive({ type: "heartbeat", ts: "2026-11-26T10:00:30Z" });
    await vi.advanceTimersByTimeAsync(SILENCE_LIMIT_MS - 1_000);
    expect(live.connection.value).toBe("live");

    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.connection.value).toBe("reconnecting");
    expect(FakeSocket.opened[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(375);
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2));
  });

  it("waits offline and reconnects with a new ticket when the browser is back online", async () => {
    const events = new EventTarget();
    let online = true;
    const { live } = watch(fakeApi(), events, () => online);
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    lastSocket().receive(snapshot());

    online = false;
    events.dispatchEvent(new Event("offline"));
    expect(live.connection.value).toBe("offline");
    expect(FakeSocket.opened[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.opened).toHaveLength(1);

    online = true;
    events.dispatchEvent(new Event("online"));
    expect(live.connection.value).toBe("reconnecting");
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2));
    expect(lastSocket().ticket).toBe("ticket-2");
    lastSocket().receive(snapshot());
    expect(live.connection.value).toBe("live");
  });

  it("closes the socket and never reconnects once closed by the screen", async () => {
    const { live } = watch();
    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    live.close();
    expect(live.connection.value).toBe("closed");
    expect(lastSocket().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
  });
});

describe("useLiveSession", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("opens the browser's WebSocket on the page's host and closes it with the calling scope", async () => {
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.stubGlobal("window", Object.assign(new EventTarget(), { location: { href: "http://127.0.0.1:8000/session/x" } }));
    const app = createApp({}).provide(apiKey, fakeApi().api);
    const scope = effectScope();
    const live = app.runWithContext(() => scope.run(() => useLiveSession(SESSION_ID)));

    await vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(1));
    expect(lastSocket().url).toBe(`ws://127.0.0.1:8000/ws/v0/session/${SESSION_ID}?ticket=ticket-1`);
    scope.stop();
    expect(live?.connection.value).toBe("closed");
    expect(lastSocket().closed).toBe(true);
  });
});
