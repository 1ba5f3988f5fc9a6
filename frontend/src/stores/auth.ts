import { defineStore } from "pinia";
import { computed, ref } from "vue";

import type { AccessToken, Archer, OidcProviderId } from "../api/client";
import { useApi } from "../api/inject";

/** Where the signed-in state survives a reload: the token with its expiry, never the password. */
export const AUTH_STORAGE_KEY = "quiver.auth";

/** Reads a stored token, dropping it when it is malformed or already expired. */
export function readStoredToken(storage: Storage, now: Date = new Date()): AccessToken | null {
  const raw = storage.getItem(AUTH_STORAGE_KEY);
  if (raw === null) return null;
  try {
    const token = JSON.parse(raw) as Partial<AccessToken>;
    if (
      typeof token.access_token === "string" &&
      typeof token.expires_at === "string" &&
      typeof token.archer_id === "string" &&
      Date.parse(token.expires_at) > now.getTime()
    ) {
      return token as AccessToken;
    }
  } catch {
    // A corrupted entry is treated as signed out.
  }
  storage.removeItem(AUTH_STORAGE_KEY);
  return null;
}

export const useAuthStore = defineStore("auth", () => {
  const api = useApi();
  const token = ref<AccessToken | null>(readStoredToken(localStorage));
  const archer = ref<Archer | null>(null);
  /** The ETag of `archer` as the server last sent it: the If-Match of a profile change. */
  const archerEtag = ref<string | null>(null);
  api.setToken(token.value?.access_token ?? null);

  const isSignedIn = computed(() => token.value !== null);
  const archerId = computed(() => token.value?.archer_id ?? null);

  function remember(next: AccessToken | null): void {
    token.value = next;
    api.setToken(next?.access_token ?? null);
    if (next === null) {
      localStorage.removeItem(AUTH_STORAGE_KEY);
      archer.value = null;
      archerEtag.value = null;
    } else {
      localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(next));
    }
  }

  // A dead token (expired or revoked elsewhere) signs the app out wherever it is noticed.
  api.onUnauthorized(() => remember(null));

  /** Keeps the token a login answered with; resolves to the failure to show, or null. */
  async function establish(login: Promise<{ data?: AccessToken; error?: unknown }>): Promise<unknown> {
    try {
      const { data, error } = await login;
      if (data === undefined) return error;
      remember(data);
      await loadArcher();
      return null;
    } catch (thrown) {
      return thrown;
    }
  }

  /** Signs in; resolves to the problem (or network error) to show, or null on success. */
  function signIn(email: string, password: string): Promise<unknown> {
    return establish(api.POST("/api/v0/auth/login", { body: { email, password } }));
  }

  /** Signs in (or up) with an OpenID Connect provider's ID token, e.g. Google's credential. */
  function signInWithOidc(provider: OidcProviderId, idToken: string): Promise<unknown> {
    return establish(api.POST("/api/v0/auth/oidc", { body: { provider, id_token: idToken } }));
  }

  async function signOut(): Promise<void> {
    try {
      await api.POST("/api/v0/auth/logout");
    } catch {
      // Offline: the token is forgotten here all the same; it expires on the server.
    }
    remember(null);
  }

  async function loadArcher(): Promise<Archer | null> {
    if (token.value === null) return null;
    try {
      const { data, response } = await api.GET("/api/v0/archer/me");
      if (data !== undefined) setArcher(data, response.headers.get("ETag"));
    } catch {
      // Offline at the range: keep whatever is known; the token stays until the server refuses it.
    }
    return archer.value;
  }

  /** The archer as the server just answered it, with the answer's ETag. */
  function setArcher(next: Archer, etag: string | null): void {
    archer.value = next;
    archerEtag.value = etag;
  }

  /** Forgets the account locally, after the server has deleted it. */
  function forget(): void {
    remember(null);
  }

  return { token, archer, archerEtag, archerId, isSignedIn, signIn, signInWithOidc, signOut, loadArcher, setArcher, forget };
});
