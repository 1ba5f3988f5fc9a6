// The browser's network signals, with safe answers outside a browser (unit tests, SSR).

/** False once the device has no network at all; true when it cannot tell. */
export function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/** The window, whose `online` and `offline` events say the network came or went. */
export function browserWindow(): EventTarget | null {
  return typeof window === "undefined" ? null : window;
}

/** A request with one bar of signal can hang for minutes: give up and retry instead. */
export const REQUEST_TIMEOUT_MS = 20_000;
