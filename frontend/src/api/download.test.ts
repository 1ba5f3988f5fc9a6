// @vitest-environment happy-dom
import { Window } from "happy-dom";
import { afterEach, describe, expect, it, vi } from "vitest";

import { asDownload, dispositionFilename, saveFile, showPrintable } from "./download";

describe("dispositionFilename", () => {
  it("reads a quoted or bare filename", () => {
    expect(dispositionFilename('attachment; filename="session-2026-12-01.csv"')).toBe("session-2026-12-01.csv");
    expect(dispositionFilename("attachment; filename=history.csv")).toBe("history.csv");
    expect(dispositionFilename('attachment; FILENAME="a \\"b\\".csv"')).toBe('a "b".csv');
  });

  it("prefers the RFC 8187 filename* over filename, in either order", () => {
    expect(dispositionFilename("attachment; filename=\"naive.csv\"; filename*=UTF-8''na%C3%AFve.csv")).toBe("naïve.csv");
    expect(dispositionFilename("attachment; filename*=utf-8'en'S%C3%A9ance.csv; filename=\"Seance.csv\"")).toBe("Séance.csv");
    expect(dispositionFilename("attachment; filename*=iso-8859-1''caf%E9.csv")).toBe("café.csv");
  });

  it("falls back to filename when filename* cannot be decoded", () => {
    expect(dispositionFilename("attachment; filename*=UTF-8''%E0%A4%A.csv; filename=plain.csv")).toBe("plain.csv");
    expect(dispositionFilename("attachment; filename*=koi8-r''x.csv; filename=plain.csv")).toBe("plain.csv");
  });

  it("keeps only the last path segment and refuses empty names", () => {
    expect(dispositionFilename('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(dispositionFilename('attachment; filename="C:\\\\temp\\\\x.csv"')).toBe("x.csv");
    expect(dispositionFilename('attachment; filename=".."')).toBeNull();
    expect(dispositionFilename("attachment")).toBeNull();
    expect(dispositionFilename(null)).toBeNull();
  });
});

describe("asDownload", () => {
  it("names the file from the header, or the fallback", () => {
    const blob = new Blob(["a,b\n"], { type: "text/csv" });
    const named = new Response(null, { headers: { "Content-Disposition": 'attachment; filename="s.csv"' } });
    expect(asDownload({ data: blob, response: named }, "fallback.csv")).toEqual({ blob, filename: "s.csv" });
    expect(asDownload({ data: blob, response: new Response(null) }, "fallback.csv")).toEqual({ blob, filename: "fallback.csv" });
  });

  it("passes the problem on", () => {
    const problem = { status: 404, title: "Not Found", code: "not_found" };
    expect(asDownload({ error: problem, response: new Response(null, { status: 404 }) }, "x.csv")).toEqual({ error: problem });
  });
});

describe("saving and showing", () => {
  afterEach(() => vi.restoreAllMocks());

  it("saves through a Blob URL link with the download name, then removes the link", () => {
    const create = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:http://app/1");
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const blob = new Blob(["x"]);
    saveFile(blob, "s.csv");
    expect(create).toHaveBeenCalledWith(blob);
    expect(clicked).toEqual([{ href: "blob:http://app/1", download: "s.csv" }]);
    expect(document.querySelector("a[download]")).toBeNull();
  });

  it("moves a printable page's styles where the app's CSP allows them, drops its scripts, and prints", () => {
    const target = new Window();
    const print = vi.fn();
    Object.assign(target, { print, focus: vi.fn() });
    const html =
      "<!doctype html><html><head><title>Score sheet</title><style>@media print { h1 { color: black } }</style>" +
      '<script>window.bad = 1</script></head><body><h1 style="color: red">Robin Hood</h1><p>612</p></body></html>';
    showPrintable(target as unknown as globalThis.Window, html);
    const doc = target.document;
    expect(doc.title).toBe("Score sheet");
    expect(doc.querySelector("h1")?.textContent).toBe("Robin Hood");
    expect(doc.querySelector("h1")?.getAttribute("style")).toBe("color: red;");
    expect(doc.querySelectorAll("style, script")).toHaveLength(0);
    expect(doc.adoptedStyleSheets).toHaveLength(1);
    expect(doc.adoptedStyleSheets[0]?.cssRules[0]?.cssText).toContain("@media print");
    expect(print).toHaveBeenCalledOnce();
  });
});
