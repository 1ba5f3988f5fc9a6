import { describe, expect, it, vi } from "vitest";

import { shareLink } from "./share";

const url = "https://quiver.example/session/42";

describe("share link", () => {
  it("uses the system share sheet when there is one", async () => {
    const share = vi.fn(async () => undefined);
    expect(await shareLink(url, "Practice", { share })).toBe("shared");
    expect(share).toHaveBeenCalledWith({ url, title: "Practice" });
  });

  it("leaves a dismissed share sheet at that", async () => {
    const share = vi.fn(async () => Promise.reject(new DOMException("cancelled", "AbortError")));
    const writeText = vi.fn(async () => undefined);
    expect(await shareLink(url, "Practice", { share, clipboard: { writeText } })).toBe("dismissed");
    expect(writeText).not.toHaveBeenCalled();
  });

  it("copies to the clipboard when sharing is not possible", async () => {
    const writeText = vi.fn(async () => undefined);
    const share = vi.fn(async () => Promise.reject(new DOMException("no", "NotAllowedError")));
    expect(await shareLink(url, "Practice", { share, clipboard: { writeText } })).toBe("copied");
    expect(writeText).toHaveBeenCalledWith(url);
  });

  it("falls back to selecting the text by hand", async () => {
    const writeText = vi.fn(async () => Promise.reject(new Error("denied")));
    expect(await shareLink(url, "Practice", { clipboard: { writeText } })).toBe("manual");
    expect(await shareLink(url, "Practice", {})).toBe("manual");
  });
});
