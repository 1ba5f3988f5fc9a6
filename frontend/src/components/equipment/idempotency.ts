/** A random v4 UUID; `crypto.randomUUID` only exists on https or localhost, a club LAN is neither. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Idempotency-Key of one form's create: a retry of the same body reuses the key, so a
 * create whose answer was lost is replayed by the server instead of made twice; a changed
 * body is a new request and gets a new key (the server refuses a key reused for another body).
 */
export function useIdempotencyKey(): { keyFor(body: unknown): string } {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last === null || last.body !== text) last = { body: text, key: newIdempotencyKey() };
      return last.key;
    },
  };
}
