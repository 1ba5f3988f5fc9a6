import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FRONTEND_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = join(FRONTEND_DIR, "..");
/** Screenshots, axe reports and the server's log: kept by CI, ignored by git. */
export const ARTIFACTS_DIR = join(FRONTEND_DIR, "e2e-artifacts");
