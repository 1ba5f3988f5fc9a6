import { describe, expect, it } from "vitest";

import type { Bow, BowCreate } from "../../api/client";
import { arrowSetBody, arrowSetDraft, bowBody, bowDraft } from "./drafts";
import { newIdempotencyKey, useIdempotencyKey } from "./idempotency";
import { useCollection } from "./useCollection";
import { useEquipmentSave } from "./useEquipmentSave";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function bow(id: string, name: string): Bow {
  return { id, name, bowstyle: "recurve", draw_weight_lb: 36, created_at: "", updated_at: "" };
}

describe("idempotency keys", () => {
  it("reuses the key when the same body is retried", () => {
    const keys = useIdempotencyKey();
    const first = keys.keyFor({ name: "Hoyt" });
    expect(keys.keyFor({ name: "Hoyt" })).toBe(first);
  });

  it("makes a new key when the body changed", () => {
    const keys = useIdempotencyKey();
    const first = keys.keyFor({ name: "Hoyt" });
    expect(keys.keyFor({ name: "Hoyt Formula" })).not.toBe(first);
  });

  it("makes v4 UUIDs even where crypto.randomUUID is missing (plain http on a LAN)", () => {
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
      expect(newIdempotencyKey()).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
    expect(newIdempotencyKey()).toMatch(UUID_V4);
  });
});

describe("equipment drafts", () => {
  it("turns the inputs into a request body", () => {
    expect(bowBody({ ...bowDraft(undefined, "compound"), name: "Elite", draw_weight_lb: 52 })).toEqual({
      name: "Elite",
      bowstyle: "compound",
      draw_weight_lb: 52,
    });
    expect(arrowSetBody({ name: "X10", shaft_diameter_mm: 5.5, arrow_count: 12 })).toEqual({
      name: "X10",
      shaft_diameter_mm: 5.5,
      arrow_count: 12,
    });
  });

  it("starts an edit from the stored item", () => {
    const stored = { id: "a", name: "X10", shaft_diameter_mm: 5.5, arrow_count: 12, created_at: "", updated_at: "" };
    expect(arrowSetBody(arrowSetDraft(stored))).toEqual({ name: "X10", shaft_diameter_mm: 5.5, arrow_count: 12 });
  });
});

describe("useCollection", () => {
  it("lists, keeps items by name and forgets deleted ones", async () => {
    const removed: string[] = [];
    const bows = useCollection<Bow>({
      list: () => Promise.resolve({ data: { items: [bow("1", "Hoyt")] } }),
      remove: (id) => (removed.push(id), Promise.resolve({})),
    });
    expect(bows.items.value).toBeNull();
    await bows.load();
    bows.put(bow("2", "Barebow club bow"));
    bows.put(bow("1", "Zebra"));
    expect(bows.items.value?.map((item) => item.name)).toEqual(["Barebow club bow", "Zebra"]);

    expect(await bows.remove(bow("2", "Barebow club bow"))).toBeUndefined();
    expect(removed).toEqual(["2"]);
    expect(bows.items.value?.map((item) => item.id)).toEqual(["1"]);
  });

  it("shows by name the items the server lists oldest first", async () => {
    const bows = useCollection<Bow>({
      list: () => Promise.resolve({ data: { items: [bow("1", "Zebra"), bow("2", "Hoyt")] } }),
      remove: () => Promise.resolve({}),
    });
    await bows.load();
    expect(bows.items.value?.map((item) => item.name)).toEqual(["Hoyt", "Zebra"]);
  });

  it("keeps an item the server refused to delete", async () => {
    const problem = { status: 404, title: "Not Found", code: "bow_not_found", detail: "The bow does not exist." };
    const bows = useCollection<Bow>({
      list: () => Promise.resolve({ data: { items: [bow("1", "Hoyt")] } }),
      remove: () => Promise.resolve({ error: problem }),
    });
    await bows.load();
    expect(await bows.remove(bow("1", "Hoyt"))).toEqual(problem);
    expect(bows.items.value).toHaveLength(1);
  });

  it("keeps the list's failure to show it", async () => {
    const bows = useCollection<Bow>({
      list: () => Promise.reject(new TypeError("Failed to fetch")),
      remove: () => Promise.resolve({}),
    });
    await bows.load();
    expect(bows.items.value).toBeNull();
    expect(bows.loading.message.value).toBe("Cannot reach the server. Check your connection and try again.");
  });
});

describe("useEquipmentSave", () => {
  const body: BowCreate = { name: "Hoyt", bowstyle: "recurve", draw_weight_lb: 36 };

  function saver(item: Bow | undefined, answer: { data?: Bow; error?: unknown }) {
    const calls: { create: [BowCreate, string][]; update: Partial<BowCreate>[]; saved: (Bow | undefined)[] } = {
      create: [],
      update: [],
      saved: [],
    };
    const form = useEquipmentSave<Bow, BowCreate>({
      item: () => item,
      shownFields: ["name"],
      body: () => body,
      bodyOf: ({ name, bowstyle, draw_weight_lb }) => ({ name, bowstyle, draw_weight_lb }),
      create: (sent, key) => (calls.create.push([sent, key]), Promise.resolve(answer)),
      update: (_, changes) => (calls.update.push(changes), Promise.resolve(answer)),
      saved: (saved) => calls.saved.push(saved),
    });
    return { form, calls };
  }

  it("creates with an Idempotency-Key that a retry of the same body reuses", async () => {
    const refused = { status: 503, title: "Unavailable", code: "unavailable", detail: "Try again." };
    const { form, calls } = saver(undefined, { error: refused });
    expect(await form.save()).toBe(false);
    expect(await form.save()).toBe(false);
    const [first, retry] = calls.create.map(([, key]) => key);
    expect(first).toMatch(UUID_V4);
    expect(retry).toBe(first);
    expect(calls.saved).toEqual([]);
    expect(form.request.alert.value).toBe("Try again.");
  });

  it("patches only what changed and hands the saved item on", async () => {
    const stored = { ...bow("1", "Hoyt"), draw_weight_lb: 34 };
    const { form, calls } = saver(stored, { data: { ...stored, draw_weight_lb: 36 } });
    expect(await form.save()).toBe(true);
    expect(calls.update).toEqual([{ draw_weight_lb: 36 }]);
    expect(calls.saved.map((saved) => saved?.draw_weight_lb)).toEqual([36]);
  });
});
