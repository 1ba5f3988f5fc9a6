import { effectScope } from "vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { ApiClient, Shot } from "../api/client";
import type { ArrowQueue } from "../offline/arrowQueue";
import { MOVE_COMMIT_DELAY_MS, useArrowEdits } from "./arrowEdits";
import type { CardArrow } from "./card";
import { makeShot } from "./fixtures";

const shot = makeShot({ end_number: 1, position: 1, value: 8, x_mm: 100, y_mm: 0 });
const stored: CardArrow = { key: shot.id, end_number: 1, position: 1, shot, queued: null };
const waiting: CardArrow = {
  key: "k1",
  end_number: 1,
  position: 2,
  shot: null,
  queued: { key: "k1", slotId: "slot-1", arrow: { x_mm: 5, y_mm: 5, shot_at: "2026-12-01T10:00:00.000Z" }, queuedAt: "2026-12-01T10:00:00.000Z", state: "waiting", problem: null },
};

function setup() {
  const patch = vi.fn(
    async (_path: string, init: { body: { x_mm: number; y_mm: number } }): Promise<{ data?: Shot; error?: unknown }> => ({
      data: { ...shot, ...init.body, value: 10, value_label: "10" },
    }),
  );
  const remove = vi.fn(async () => ({ error: undefined as unknown, response: new Response(null, { status: 204 }) }));
  const api = { PATCH: patch, DELETE: remove } as unknown as ApiClient;
  const replace = vi.fn(async () => undefined);
  const queue = { replace } as unknown as ArrowQueue;
  const onStored = vi.fn();
  const deleted = vi.fn();
  const changed = vi.fn();
  const scope = effectScope();
  const edits = scope.run(() =>
    useArrowEdits({
      api,
      queue,
      find: (key) => [stored, waiting].find((arrow) => arrow.key === key),
      stored: onStored,
      deleted,
      changed,
    }),
  )!;
  return { edits, patch, remove, replace, onStored, deleted, changed, scope };
}

describe("useArrowEdits", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("shows a nudged arrow at once and sends one move when the nudges pause", async () => {
    const { edits, patch, onStored, changed, scope } = setup();
    edits.move(shot.id, { x_mm: 101, y_mm: 0 });
    edits.move(shot.id, { x_mm: 102, y_mm: 0 });
    edits.move(shot.id, { x_mm: 102, y_mm: 1 });
    expect(edits.overrides.value[shot.id]).toEqual({ x_mm: 102, y_mm: 1 });
    expect(patch).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(MOVE_COMMIT_DELAY_MS);
    expect(patch).toHaveBeenCalledTimes(1);
    expect(patch.mock.calls[0]?.[1]).toMatchObject({ params: { path: { shot_id: shot.id } }, body: { x_mm: 102, y_mm: 1 } });
    expect(onStored).toHaveBeenCalledWith(expect.objectContaining({ value_label: "10" }));
    expect(changed).toHaveBeenCalled();
    // The server's answer is shown now; the local position is no longer needed.
    expect(edits.overrides.value).toEqual({});
    scope.stop();
  });

  it("moves an arrow still in the queue through the queue, keeping when it was shot", async () => {
    const { edits, patch, replace, scope } = setup();
    edits.move("k1", { x_mm: 7, y_mm: -3 }, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(patch).not.toHaveBeenCalled();
    expect(replace).toHaveBeenCalledWith("k1", { x_mm: 7, y_mm: -3, shot_at: "2026-12-01T10:00:00.000Z" });
    scope.stop();
  });

  it("re-enters a value as a PATCH with the value", async () => {
    const { edits, patch, scope } = setup();
    await edits.setValue(shot.id, "7");
    expect(patch.mock.calls[0]?.[1]).toMatchObject({ body: { value: "7" } });
    scope.stop();
  });

  it("deletes a stored arrow, and keeps the server's refusal of a change", async () => {
    const { edits, patch, remove, deleted, changed, scope } = setup();
    expect(await edits.remove(shot.id)).toBe(true);
    expect(deleted).toHaveBeenCalledWith(shot.id);
    expect(changed).toHaveBeenCalledTimes(1);

    const refusal = { status: 409, title: "Conflict", code: "session_closed", detail: "The session is closed." };
    patch.mockResolvedValueOnce({ error: refusal });
    expect(await edits.setValue(shot.id, "7")).toBe(false);
    expect(edits.failure.value).toEqual(refusal);
    remove.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    expect(await edits.remove(shot.id)).toBe(false);
    expect(edits.failure.value).toBeInstanceOf(TypeError);
    expect(edits.busy.value).toBe(false);
    expect(changed).toHaveBeenCalledTimes(1);
    scope.stop();
  });
});
