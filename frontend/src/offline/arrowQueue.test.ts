import "fake-indexeddb/auto";

import { afterEach, describe, expect, it, vi } from "vitest";

import { createApiClient, type Problem, type Shot } from "../api/client";
import { createArrowQueue, type ArrowQueueHandle, type ArrowQueueOptions, type QueuedArrow } from "./arrowQueue";

const SLOT = "5d0c8a43-6a8e-4f0e-9f51-2b7a6a1c0001";

interface Seen {
  method: string;
  path: string;
  key: string | null;
  body: unknown;
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

function problem(status: number, code: string, detail: string): Problem {
  return { type: `/problems/${code}`, title: code, status, detail, instance: "/", code, request_id: "r" };
}

function shotFrom(arrow: QueuedArrow, id: string): Shot {
  const plotted = "x_mm" in arrow;
  return {
    id,
    slot_id: SLOT,
    archer_id: "a",
    end_number: 1,
    position: 1,
    value: 10,
    value_label: "10",
    is_x: false,
    is_plotted: plotted,
    x_mm: plotted ? arrow.x_mm : null,
    y_mm: plotted ? arrow.y_mm : null,
    spot_index: plotted ? 0 : null,
    distance_mm: null,
    face_type: "wa_122",
    arrow_diameter_mm: 5.5,
    arrow_number: null,
    shot_at: arrow.shot_at ?? "",
    created_at: "",
    updated_at: "",
  };
}

type Reply = (seen: Seen) => Response | "network";

/** A fake API: records every request; `reply` decides each answer (default: stored). */
function fakeServer(reply: Reply) {
  const seen: Seen[] = [];
  let answer = reply;
  const fetch = async (request: Request): Promise<Response> => {
    const text = await request.text();
    const entry: Seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      key: request.headers.get("Idempotency-Key"),
      body: text === "" ? null : JSON.parse(text),
    };
    seen.push(entry);
    const result = answer(entry);
    if (result === "network") throw new TypeError("Failed to fetch");
    return result;
  };
  const api = createApiClient({ baseUrl: "http://quiver.test", fetch, token: "token" });
  return {
    api,
    seen,
    posts: () => seen.filter((request) => request.method === "POST"),
    answer(next: Reply) {
      answer = next;
    },
  };
}

let shotCount = 0;
/** The server's 201 for a POST (or 200 for a PATCH): the sent arrow, scored. */
function storing(seen: Seen, headers: Record<string, string> = {}): Response {
  shotCount += 1;
  if (seen.method === "PATCH") return json(shotFrom(seen.body as QueuedArrow, `shot-${shotCount}`), 200);
  const { arrows } = seen.body as { arrows: QueuedArrow[] };
  return json({ items: arrows.map((arrow) => shotFrom(arrow, `shot-${shotCount}`)) }, 201, headers);
}

const queues: ArrowQueueHandle[] = [];
let dbCount = 0;
function queueOver(api: ArrowQueueOptions["api"], options: Partial<ArrowQueueOptions> = {}): ArrowQueueHandle {
  const queue = createArrowQueue({ api, dbName: `queue-test-${dbCount}`, events: null, ...options });
  queues.push(queue);
  return queue;
}
function freshDb(): void {
  dbCount += 1;
}

const arrow = (x: number): QueuedArrow => ({ x_mm: x, y_mm: 0 });
const xs = (requests: Seen[]): number[] =>
  requests.map((request) => ((request.body as { arrows: Array<{ x_mm: number }> }).arrows[0]?.x_mm ?? NaN));

afterEach(() => {
  queues.splice(0).forEach((queue) => queue.dispose());
  vi.useRealTimers();
});

describe("createArrowQueue", () => {
  it("sends arrows oldest first, one request per arrow with its own key, and reports the stored shots", async () => {
    freshDb();
    let online = false;
    const server = fakeServer(storing);
    const queue = queueOver(server.api, { isOnline: () => online });
    const stored: Array<{ key: string; shots: Shot[] }> = [];
    queue.onStored(({ key, shots }) => stored.push({ key, shots }));

    const first = await queue.enqueue(SLOT, arrow(1));
    const second = await queue.enqueue(SLOT, arrow(2));
    const third = await queue.enqueue(SLOT, { value: "X" });
    expect(queue.pending.value.map((p) => p.key)).toEqual([first.key, second.key, third.key]);
    expect(queue.pending.value.every((p) => p.state === "waiting")).toBe(true);
    expect(server.seen).toHaveLength(0);

    online = true;
    await queue.flush();

    expect(server.posts().map((p) => p.path)).toEqual(Array(3).fill(`/api/v0/slot/${SLOT}/shot`));
    expect(server.posts().map((p) => p.key)).toEqual([first.key, second.key, third.key]);
    expect(new Set([first.key, second.key, third.key]).size).toBe(3);
    expect(server.posts()[0]?.body).toEqual({ arrows: [{ x_mm: 1, y_mm: 0, shot_at: first.queuedAt }] });
    expect(server.posts()[2]?.body).toEqual({ arrows: [{ value: "X", shot_at: third.queuedAt }] });
    expect(stored.map((s) => s.key)).toEqual([first.key, second.key, third.key]);
    expect(stored[0]?.shots[0]?.x_mm).toBe(1);
    expect(queue.pending.value).toEqual([]);
  });

  it("keeps the arrows in order after a network failure and retries with the same key", async () => {
    freshDb();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = fakeServer(() => "network");
    const queue = queueOver(server.api);
    const first = await queue.enqueue(SLOT, arrow(1));
    const second = await queue.enqueue(SLOT, arrow(2));
    await queue.flush();

    // Only the oldest was tried: the second never overtakes it.
    expect(new Set(server.posts().map((p) => p.key))).toEqual(new Set([first.key]));
    expect(queue.pending.value.map((p) => [p.key, p.state])).toEqual([
      [first.key, "waiting"],
      [second.key, "waiting"],
    ]);

    server.answer(storing);
    const tries = server.posts().length;
    await vi.advanceTimersByTimeAsync(30_000);
    await queue.flush();

    const retried = server.posts().slice(tries);
    expect(retried.map((p) => p.key)).toEqual([first.key, second.key]);
    expect(xs(retried)).toEqual([1, 2]);
    expect(queue.pending.value).toEqual([]);
  });

  it.each([503, 502, 504, 408, 429])("stops on %i, keeps everything and retries later with back-off", async (status) => {
    freshDb();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let online = false;
    const server = fakeServer(() => json(problem(status, "unavailable", "Try later."), status));
    const queue = queueOver(server.api, { isOnline: () => online });
    const first = await queue.enqueue(SLOT, arrow(1));
    await queue.enqueue(SLOT, arrow(2));
    online = true;
    await queue.flush();
    expect(server.posts().map((p) => p.key)).toEqual([first.key]);

    // The first retry waits 1 s, the next 2 s: nothing is sent before.
    await vi.advanceTimersByTimeAsync(999);
    expect(server.posts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(server.posts()).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(server.posts()).toHaveLength(2);

    server.answer(storing);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(queue.pending.value).toEqual([]));
    expect(server.posts().map((p) => p.key).slice(0, 3)).toEqual([first.key, first.key, first.key]);
    expect(xs(server.posts().slice(2))).toEqual([1, 2]);
  });

  it("keeps a refused arrow with the server's problem and goes on with the next one", async () => {
    freshDb();
    const closed = problem(409, "session_closed", "The session is closed.");
    const server = fakeServer((seen) => (xs([seen])[0] === 1 ? json(closed, 409) : storing(seen)));
    let online = false;
    const queue = queueOver(server.api, { isOnline: () => online });
    const first = await queue.enqueue(SLOT, arrow(1));
    const second = await queue.enqueue(SLOT, arrow(2));
    const storedKeys: string[] = [];
    queue.onStored(({ key }) => storedKeys.push(key));

    online = true;
    await queue.flush();

    expect(xs(server.posts())).toEqual([1, 2]);
    expect(storedKeys).toEqual([second.key]);
    // Nothing is dropped silently: the refused arrow stays, with the server's detail, until discarded.
    expect(queue.pending.value).toEqual([expect.objectContaining({ key: first.key, state: "rejected", problem: closed })]);
    await queue.flush();
    expect(server.posts()).toHaveLength(2);
    await queue.discard(first.key);
    expect(queue.pending.value).toEqual([]);
  });

  it("makes a problem from an answer that is not problem+json", async () => {
    freshDb();
    const server = fakeServer(() => new Response("Forbidden by proxy", { status: 403, statusText: "Forbidden" }));
    const queue = queueOver(server.api);
    const pending = await queue.enqueue(SLOT, arrow(1));
    await queue.flush();
    const [refused] = queue.pending.value;
    expect(refused).toMatchObject({ key: pending.key, state: "rejected" });
    expect(refused?.problem).toMatchObject({ status: 403, title: "Forbidden", code: "http_403" });
    expect(refused?.problem?.detail).toContain("Forbidden by proxy");
  });

  it("stops on a 401 and keeps every arrow for after the next sign-in", async () => {
    freshDb();
    const server = fakeServer(() => json(problem(401, "unauthorized", "Sign in again."), 401));
    const queue = queueOver(server.api);
    await queue.enqueue(SLOT, arrow(1));
    await queue.enqueue(SLOT, arrow(2));
    await queue.flush();

    expect(server.posts()).toHaveLength(1);
    expect(queue.pending.value.map((p) => p.state)).toEqual(["waiting", "waiting"]);

    // Signed out: nothing is attempted at all.
    server.api.setToken(null);
    await queue.flush();
    expect(server.posts()).toHaveLength(1);

    server.api.setToken("new token");
    server.answer(storing);
    await queue.flush();
    expect(xs(server.posts().slice(1))).toEqual([1, 2]);
    expect(queue.pending.value).toEqual([]);
  });

  it("survives a reload: a new queue over the same database resumes in order with the same keys", async () => {
    freshDb();
    const server = fakeServer(() => "network");
    const before = queueOver(server.api);
    const first = await before.enqueue(SLOT, arrow(1));
    const second = await before.enqueue(SLOT, arrow(2));
    await before.flush();
    const failedKeys = server.posts().map((p) => p.key);
    before.dispose();

    server.answer(storing);
    const after = queueOver(server.api, { dbName: `queue-test-${dbCount}` });
    await after.ready;
    expect(after.pending.value.map((p) => p.key)).toEqual([first.key, second.key]);
    await after.flush();

    expect(failedKeys.every((key) => key === first.key)).toBe(true);
    const resumed = server.posts().slice(failedKeys.length);
    expect(resumed.map((p) => p.key)).toEqual([first.key, second.key]);
    expect(after.pending.value).toEqual([]);
  });

  it("reports a replayed answer: an earlier attempt had stored the arrow", async () => {
    freshDb();
    const server = fakeServer((seen) => storing(seen, { "Idempotent-Replayed": "true" }));
    const queue = queueOver(server.api);
    const replayed: boolean[] = [];
    queue.onStored((storedArrow) => replayed.push(storedArrow.replayed));
    await queue.enqueue(SLOT, arrow(1));
    await queue.flush();
    expect(replayed).toEqual([true]);
  });

  it("sends a moved arrow's new position while it has never been sent", async () => {
    freshDb();
    const server = fakeServer(storing);
    const queue = queueOver(server.api, { isOnline: () => false });
    const pending = await queue.enqueue(SLOT, arrow(1));
    await queue.replace(pending.key, arrow(7));
    expect(queue.pending.value[0]?.arrow).toEqual({ x_mm: 7, y_mm: 0, shot_at: pending.queuedAt });

    const online = queueOver(server.api, { dbName: `queue-test-${dbCount}` });
    await online.flush();
    expect(server.seen.map((s) => s.method)).toEqual(["POST"]);
    expect(xs(server.posts())).toEqual([7]);
  });

  it("moves an arrow whose first attempt may have arrived with a PATCH after replaying that attempt", async () => {
    freshDb();
    const server = fakeServer(() => "network");
    const queue = queueOver(server.api);
    const pending = await queue.enqueue(SLOT, arrow(1));
    await queue.flush();
    await queue.replace(pending.key, arrow(7));

    server.answer(storing);
    const shots: Shot[] = [];
    queue.onStored((storedArrow) => shots.push(...storedArrow.shots));
    await queue.flush();

    const [post, patch] = server.seen.slice(-2);
    // The key is bound to the first body: the POST repeats it, then the arrow is moved.
    expect(post).toMatchObject({ method: "POST", key: pending.key });
    expect(xs([post as Seen])).toEqual([1]);
    expect(patch).toMatchObject({ method: "PATCH", body: { x_mm: 7, y_mm: 0, shot_at: pending.queuedAt } });
    expect(patch?.path).toMatch(/^\/api\/v0\/shot\/shot-/);
    expect(shots.map((shot) => shot.x_mm)).toEqual([7]);
    expect(queue.pending.value).toEqual([]);
  });

  it("refuses to replace an arrow that is no longer waiting", async () => {
    freshDb();
    const server = fakeServer(storing);
    const queue = queueOver(server.api);
    const pending = await queue.enqueue(SLOT, arrow(1));
    await queue.flush();
    await expect(queue.replace(pending.key, arrow(2))).rejects.toThrow(/not waiting/);
  });

  it("sends what waits when the browser comes back online", async () => {
    freshDb();
    let online = false;
    const events = new EventTarget();
    const server = fakeServer(storing);
    const queue = queueOver(server.api, { isOnline: () => online, events });
    await queue.enqueue(SLOT, arrow(1));
    await queue.flush();
    expect(server.seen).toHaveLength(0);

    online = true;
    events.dispatchEvent(new Event("online"));
    await vi.waitFor(() => expect(queue.pending.value).toEqual([]));
    expect(xs(server.posts())).toEqual([1]);
  });
});
