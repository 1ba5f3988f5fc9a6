// What every browser scenario needs: the server's address, Chromium with a phone, axe,
// screenshots, and archers made through the REST API with the contract's own types.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import AxeBuilder from "@axe-core/playwright";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";

import { createApiClient, type AccessToken, type ApiClient, type ArcherRegistration } from "../src/api/client";
import { AUTH_STORAGE_KEY } from "../src/stores/auth";
import { ARTIFACTS_DIR } from "./paths";

/** Debian's chromium (`apt-get install chromium`); Playwright's own browser downloads are not used. */
export const CHROMIUM = "/usr/bin/chromium";
/** The design size: a 390×844 phone with a touch screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };
/** The wider layout of the same screens. */
export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PASSWORD = "correct horse battery staple";

/** Origin of the server the global setup started. */
export function baseUrl(): string {
  return inject("baseUrl");
}

export interface PhoneOptions {
  /** Starts signed in, as the app would be after signing in with this token and reloading. */
  signedInAs?: AccessToken;
}

export interface Browsers {
  /** A new phone-sized context (relative `page.goto("/history")` works), closed after the test. */
  phone(options?: PhoneOptions): Promise<BrowserContext>;
  /** The same on a desktop-sized window with a mouse. */
  desktop(options?: PhoneOptions): Promise<BrowserContext>;
}

/**
 * One Chromium for the test file. Call it at the top level of the file. When a test fails,
 * every page it opened is saved as `failed-<test>-<n>.png` before its contexts are closed.
 */
export function useBrowser(): Browsers {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });
  afterEach(async ({ task }) => {
    const open = contexts.splice(0);
    if (task.result?.state === "fail") {
      const pages = open.flatMap((context) => context.pages());
      await Promise.all(pages.map((page, n) => snap(page, `failed-${task.name}-${n + 1}`).catch(() => undefined)));
    }
    await Promise.all(open.map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  async function open(device: BrowserContextOptions, options: PhoneOptions): Promise<BrowserContext> {
    if (browser === undefined) throw new Error("useBrowser() must be called at the top level of the test file");
    const context = await browser.newContext({
      ...device,
      baseURL: baseUrl(),
      ...(options.signedInAs === undefined ? {} : { storageState: signedInState(options.signedInAs) }),
    });
    contexts.push(context);
    return context;
  }
  return {
    phone: (options = {}) => open(PHONE, options),
    desktop: (options = {}) => open(DESKTOP, options),
  };
}

/** The browser storage of a signed-in app: the token as the auth store keeps it. */
export function signedInState(token: AccessToken): NonNullable<BrowserContextOptions["storageState"]> {
  return {
    cookies: [],
    origins: [{ origin: baseUrl(), localStorage: [{ name: AUTH_STORAGE_KEY, value: JSON.stringify(token) }] }],
  };
}

/** The token the app holds in this page, if any. */
export async function storedToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), AUTH_STORAGE_KEY);
}

/**
 * Waits until the app's service worker, if the build has one, is active: from then on every
 * load of the origin goes through it (what the offline scenarios rely on). False without one.
 */
export async function untilServiceWorkerActive(page: Page): Promise<boolean> {
  if (!(await fetch(`${baseUrl()}/sw.js`)).ok) return false;
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  return true;
}

function artifact(name: string, extension: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return join(ARTIFACTS_DIR, `${slug}.${extension}`);
}

/** Saves a full-page screenshot as `e2e-artifacts/<name>.png`; returns its path. */
export async function snap(page: Page, name: string): Promise<string> {
  const path = artifact(name, "png");
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/**
 * Runs axe on the page as it is now; fails on any serious or critical violation. Every finding,
 * minor ones included, is kept in `e2e-artifacts/<screenName>.axe.json`.
 */
export async function checkA11y(page: Page, screenName: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  writeFileSync(artifact(screenName, "axe.json"), JSON.stringify(violations, null, 2));
  const blocking = violations.filter(({ impact }) => impact === "serious" || impact === "critical");
  if (blocking.length > 0) {
    const lines = blocking.map(
      ({ impact, id, help, nodes }) => `- ${impact} ${id}: ${help} at ${nodes.map(({ target }) => target.join(" ")).join(", ")}`,
    );
    throw new Error(`axe found ${blocking.length} serious violation(s) on ${screenName}:\n${lines.join("\n")}`);
  }
}

/** A typed client of the server under test, optionally with a bearer token. */
export function api(token: string | null = null): ApiClient {
  return createApiClient({ baseUrl: baseUrl(), token });
}

export interface TestArcher {
  id: string;
  email: string;
  password: string;
  token: AccessToken;
  /** A client that sends this archer's token. */
  api: ApiClient;
}

/** Registers a new archer (unique email) through the REST API and logs them in. */
export async function registerArcher(overrides: Partial<ArcherRegistration> = {}): Promise<TestArcher> {
  const registration: ArcherRegistration = {
    email: `archer-${crypto.randomUUID().slice(0, 12)}@example.org`,
    password: PASSWORD,
    first_name: "Robin",
    last_name: "Hood",
    bowstyle: "recurve",
    draw_weight_lb: 38,
    ...overrides,
  };
  const anonymous = api();
  const registered = await anonymous.POST("/api/v0/archer", { body: registration });
  if (registered.data === undefined) throw new Error(`registration failed: ${JSON.stringify(registered.error)}`);
  const login = await anonymous.POST("/api/v0/auth/login", {
    body: { email: registration.email, password: registration.password },
  });
  if (login.data === undefined) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
  return {
    id: registered.data.id,
    email: registration.email,
    password: registration.password,
    token: login.data,
    api: api(login.data.access_token),
  };
}
