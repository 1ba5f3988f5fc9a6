export type ShareOutcome = "shared" | "dismissed" | "copied" | "manual";

/** The parts of `navigator` sharing uses, so tests can hand in a fake. */
export interface ShareTarget {
  share?: (data: ShareData) => Promise<void>;
  clipboard?: Pick<Clipboard, "writeText">;
}

/**
 * Shares a link the best way the device allows: the system share sheet (phones), else the
 * clipboard, else "manual" (the caller selects the text for the archer to copy). A share
 * sheet the archer dismissed is left at that; any other failure falls through to the next way.
 */
export async function shareLink(url: string, title: string, target: ShareTarget = navigator): Promise<ShareOutcome> {
  if (typeof target.share === "function") {
    try {
      await target.share({ url, title });
      return "shared";
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return "dismissed";
    }
  }
  if (target.clipboard !== undefined) {
    try {
      await target.clipboard.writeText(url);
      return "copied";
    } catch {
      // No permission (or not a secure context): the text is selected instead.
    }
  }
  return "manual";
}
