// Type-level checks of the generated WebSocket message types (vue-tsc runs them in
// `npm run typecheck`); the runtime assertions only keep vitest from finding nothing to run.
import { describe, expect, expectTypeOf, it } from "vitest";

import type { components } from "./types.generated";
import { WS_CHANNEL_ADDRESS, WS_CLOSE_CODES, type WsMessage, type WsMessages } from "./ws.generated";

type Rest = components["schemas"];

describe("WsMessage", () => {
  it("names exactly the messages of the AsyncAPI contract", () => {
    expectTypeOf<WsMessage["type"]>().toEqualTypeOf<
      | "session.snapshot"
      | "shot.created"
      | "shot.updated"
      | "shot.deleted"
      | "slot.joined"
      | "slot.left"
      | "session.updated"
      | "session.closed"
      | "slot.personal_best"
      | "heartbeat"
    >();
  });

  it("carries the REST contract's schemas as payloads", () => {
    expectTypeOf<WsMessages["shot.created"]["data"]["shots"]>().toEqualTypeOf<Rest["Shot"][]>();
    expectTypeOf<WsMessages["shot.updated"]["data"]["statistics"]>().toEqualTypeOf<
      Rest["SlotStatistics"]
    >();
    expectTypeOf<WsMessages["session.snapshot"]["data"]["leaderboard"]>().toEqualTypeOf<
      Rest["Leaderboard"]
    >();
    expectTypeOf<WsMessages["slot.joined"]["data"]>().toEqualTypeOf<Rest["Slot"]>();
    expectTypeOf<WsMessages["session.closed"]["event_id"]>().toEqualTypeOf<string>();
    // @ts-expect-error -- events never carry the writer's request id.
    expectTypeOf<WsMessages["shot.created"]["request_id"]>().toBeUnknown();
  });

  it("narrows on type", () => {
    const summarise = (message: WsMessage): string => {
      switch (message.type) {
        case "shot.deleted":
          return message.data.shot_id;
        case "heartbeat":
          // @ts-expect-error -- a heartbeat has no data.
          return String(message.data);
        default:
          return message.type;
      }
    };
    expect(summarise({ type: "heartbeat", ts: "2026-11-26T10:00:00Z" })).toBe("undefined");
  });

  it("documents the channel address and close codes", () => {
    expect(WS_CHANNEL_ADDRESS).toBe("/ws/v0/session/{session_id}");
    expect(WS_CLOSE_CODES.GOING_AWAY).toBe(1001);
    expect(WS_CLOSE_CODES.INVALID_TICKET).toBe(4401);
    expect(WS_CLOSE_CODES.NOT_READING).toBe(4408);
  });
});
