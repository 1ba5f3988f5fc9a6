import type { LocationQuery } from "vue-router";

/**
 * Where to go after signing in: the `redirect` the auth guard put in the query, if it is a
 * path of this app ("//host" would leave it), else home.
 */
export function redirectTarget(query: LocationQuery): string {
  const redirect = query["redirect"];
  return typeof redirect === "string" && redirect.startsWith("/") && !redirect.startsWith("//") ? redirect : "/";
}
