/// <reference types="google.accounts" />

/** Google Identity Services: the script that draws "Sign in with Google" and hands back an ID token. */
export const GOOGLE_IDENTITY_SCRIPT = "https://accounts.google.com/gsi/client";

export type GoogleIdentity = typeof google.accounts.id;

let loading: Promise<GoogleIdentity> | null = null;

function loaded(): GoogleIdentity | undefined {
  // Optional chaining all the way: the global exists only once Google's script has run.
  const scope = globalThis as { google?: { accounts?: { id?: GoogleIdentity } } };
  return scope.google?.accounts?.id;
}

/**
 * Loads Google's script once, on demand, and resolves to `google.accounts.id`. Nothing of
 * Google's is fetched unless this is called, which happens only when the server lists the
 * provider. A failed load (offline, blocked) is forgotten so that a later call tries again.
 */
export function loadGoogleIdentity(): Promise<GoogleIdentity> {
  const ready = loaded();
  if (ready !== undefined) return Promise.resolve(ready);
  loading ??= new Promise<GoogleIdentity>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = GOOGLE_IDENTITY_SCRIPT;
    script.async = true;
    const fail = (): void => {
      loading = null;
      script.remove();
      reject(new Error("Google sign-in could not be loaded. Check your connection and try again."));
    };
    script.addEventListener("error", fail, { once: true });
    script.addEventListener(
      "load",
      () => {
        const identity = loaded();
        if (identity === undefined) fail();
        else resolve(identity);
      },
      { once: true },
    );
    document.head.append(script);
  });
  return loading;
}
