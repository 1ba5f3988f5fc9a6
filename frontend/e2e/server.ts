// Global setup of the browser suite: the real `quiver serve`, as `make run` starts it, with its
// own embedded PostgreSQL in a temporary directory; stopped (database included) at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import type { TestProject } from "vitest/node";

import { ARTIFACTS_DIR, FRONTEND_DIR, REPO_ROOT } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the server under test, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
  }
}

const QUIVER = join(REPO_ROOT, ".venv", "bin", "quiver");
// Defaults to the build `make test` serves; E2E_DIST tries another build (e.g. /tmp/<you>/dist).
const DIST = process.env["E2E_DIST"] ?? join(FRONTEND_DIR, "dist");
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(address)));
    });
  });
}

/** Alive and not a zombie: a stopped postmaster may linger unreaped where PID 1 does not reap. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(200);
  }
  return false;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

function hasExited(server: ChildProcess): boolean {
  return server.exitCode !== null || server.signalCode !== null;
}

function stop(server: ChildProcess): Promise<boolean> {
  if (hasExited(server)) return Promise.resolve(true);
  const exited = new Promise<boolean>((resolve) => server.once("exit", () => resolve(true)));
  server.kill("SIGTERM");
  // Unreferenced: a pending timer would keep Vitest alive after the server has stopped.
  return Promise.race([exited, sleep(STOP_TIMEOUT_MS, false, { ref: false })]);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const [path, hint] of [
    [QUIVER, "run `make install` (or `make test`) first"],
    [join(DIST, "index.html"), "build the app first: `make build-frontend` (or `npm run build`)"],
  ] as const) {
    if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}.`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "quiver-e2e-"));
  const pgdata = join(scratch, "pgdata");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The defaults a user gets, except where to listen and keep data: no outside database.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== "DATABASE_URL" && !key.startsWith("QUIVER_")),
  );
  Object.assign(env, { QUIVER_PORT: String(port), QUIVER_PGDATA: pgdata, QUIVER_FRONTEND_DIST: DIST });
  const log = openSync(join(ARTIFACTS_DIR, "server.log"), "w");
  const server = spawn(QUIVER, ["serve"], { cwd: REPO_ROOT, env, stdio: ["ignore", log, log] });
  // Vitest interrupted (Ctrl-C) skips the teardown: never leave the server behind.
  const orphanGuard = (): void => void server.kill("SIGTERM");
  process.once("exit", orphanGuard);

  const settled = await waitFor(
    async () => hasExited(server) || (await answers(`${baseUrl}/api/v0/face`)),
    START_TIMEOUT_MS,
  );
  if (!settled || hasExited(server)) {
    await stop(server);
    throw new Error(`quiver serve did not answer at ${baseUrl}; see ${join(ARTIFACTS_DIR, "server.log")}`);
  }
  const postmaster = Number(readFileSync(join(pgdata, "postmaster.pid"), "utf8").split("\n")[0]);
  project.provide("baseUrl", baseUrl);

  return async () => {
    process.off("exit", orphanGuard);
    if (!(await stop(server))) {
      server.kill("SIGKILL");
      throw new Error(`quiver serve ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s`);
    }
    if (!(await waitFor(() => !isRunning(postmaster), 10_000))) {
      process.kill(postmaster, "SIGINT"); // PostgreSQL's fast shutdown
      throw new Error("the embedded PostgreSQL outlived quiver serve");
    }
    rmSync(scratch, { recursive: true, force: true });
  };
}
