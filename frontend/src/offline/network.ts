// The browser's network signals, with safe answers outside a browser (unit tests, SSR).

/** False once the device has no network at all; true when it cannot tell. */
export function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/** The window, whose `online` and `offline` events say the network came or went. */
export function browserWindow(): EventTarget | null {
  return typeof window === "undefined" ? null : window;
}

