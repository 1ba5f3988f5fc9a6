import { describe, expect, it } from "vitest";

import { concurrencyLimit } from "./limiter";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("concurrency limit", () => {
  it("runs at most the limit at once, the rest in order as others finish", async () => {
    const limit = concurrencyLimit(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = gates.map((gate, index) =>
      limit(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );

    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
  });

  it("frees the place of a task that failed", async () => {
    const limit = concurrencyLimit(1);
    await expect(limit(() => Promise.reject(new Error("offline")))).rejects.toThrow("offline");
    expect(await limit(async () => "next")).toBe("next");
  });
});
