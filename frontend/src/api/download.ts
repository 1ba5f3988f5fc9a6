// Files the API answers (CSV exports, the printable score sheet) need the bearer token, which
// lives in the app rather than in a cookie: so they are fetched like any other request and
// handed to the browser through a Blob URL, under the name the server gave them.

/**
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*` (RFC 8187,
 * UTF-8 percent-encoded) wins over `filename`; directory parts are dropped. Null without one.
 *
 * Written here rather than taken from npm: jshttp's `content-disposition` needs Node's Buffer
 * and `path`, and the browser needs only these few lines.
 */
export function dispositionFilename(header: string | null): string | null {
  if (header === null) return null;
  let plain: string | null = null;
  let extended: string | null = null;
  // name=token or name="quoted string" (with \" escapes), separated by semicolons.
  const parameter = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(parameter)) {
    const name = (match[1] ?? "").toLowerCase();
    const value = match[2] === undefined ? (match[3] ?? "").trim() : match[2].replace(/\\(.)/g, "$1");
    if (name === "filename") plain = value;
    else if (name === "filename*") extended = decodeExtended(value);
  }
  const chosen = extended ?? plain;
  if (chosen === null) return null;
  const base = chosen.split(/[\\/]/).pop()?.trim() ?? "";
  return base === "" || base === "." || base === ".." ? null : base;
}

/** `UTF-8'en'na%C3%AFve.csv` -> `naïve.csv`; null when the charset or encoding is not readable. */
function decodeExtended(value: string): string | null {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (match === null) return null;
  const charset = (match[1] ?? "").toLowerCase();
  const encoded = match[2] ?? "";
  try {
    if (charset === "utf-8") return decodeURIComponent(encoded);
    if (charset === "iso-8859-1") {
      return encoded.replace(/%([0-9a-f]{2})/gi, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  } catch {
    // A malformed escape: fall back to the plain `filename`.
  }
  return null;
}

/** What a download request resolved to: the file and its name, or the failure to show. */
export type Download = { blob: Blob; filename: string; error?: undefined } | { blob?: undefined; error: unknown };

/**
 * Turns an openapi-fetch result asked with `parseAs: "blob"` into a file: its body and the
 * server's file name (`fallback` when the header is missing or unreadable).
 */
export function asDownload(
  result: { data?: Blob; error?: unknown; response: Response },
  fallback: string,
): Download {
  if (result.data === undefined) return { error: result.error ?? new Error(`${result.response.status}`) };
  return { blob: result.data, filename: dispositionFilename(result.response.headers.get("Content-Disposition")) ?? fallback };
}

/** How long a Blob URL outlives the click that saves or opens it: long enough to start reading. */
const REVOKE_AFTER_MS = 60_000;

/** Saves a file through a temporary link with the `download` attribute. */
export function saveFile(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/**
 * Shows an HTML page of the API (the printable score sheet) in a window opened, empty, during
 * the click (so no pop-up blocker stops it), and asks the browser to print it.
 *
 * Not through a Blob URL: a document made by the app inherits the app's Content-Security-Policy
 * (`style-src 'self'`), which blocks the page's inline `<style>` and `style` attributes, and the
 * print CSS with them. So the page is parsed (inert), its styles are moved to a constructed
 * style sheet and to CSSOM declarations (which the policy allows), and its scripts dropped.
 */
export function showPrintable(target: Window, html: string): void {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  parsed.querySelectorAll("script").forEach((script) => script.remove());
  const css = [...parsed.querySelectorAll("style")].map((style) => {
    style.remove();
    return style.textContent ?? "";
  });
  const styled = [...parsed.querySelectorAll<HTMLElement>("[style]")].map((element) => {
    const declarations = element.getAttribute("style") ?? "";
    element.removeAttribute("style");
    return { element, declarations };
  });
  const doc = target.document;
  // Imported nodes keep their identity in a map, so the inline declarations can follow them.
  const imported = doc.importNode(parsed.documentElement, true);
  const sourceElements = [...parsed.documentElement.querySelectorAll("*")];
  const importedElements = [...imported.querySelectorAll("*")];
  for (const { element, declarations } of styled) {
    // Not `instanceof HTMLElement`: the copy belongs to the other window's realm.
    const copy = importedElements[sourceElements.indexOf(element)] as HTMLElement | undefined;
    if (copy?.style !== undefined) copy.style.cssText = declarations;
  }
  doc.documentElement.remove();
  doc.append(imported);
  const sheet = new (target as unknown as typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(css.join("\n"));
  doc.adoptedStyleSheets = [sheet];
  target.focus();
  target.print();
}
