// The response headers the contract declares reach the generated types (openapi-typescript),
// so a client reads them by name with their documented types. The type checks run in
// `npm run typecheck` (vue-tsc): vitest strips types, and only runs the last test.
import { describe, expect, expectTypeOf, it } from "vitest";

import { createApiClient } from "./client";
import type { components, paths } from "./types.generated";

type CreateBow = paths["/api/v0/bow"]["post"];
type GetBow = paths["/api/v0/bow/{bow_id}"]["get"];

describe("declared headers in the generated types", () => {
  it("types the headers of a created resource", () => {
    type Created = CreateBow["responses"][201]["headers"];
    expectTypeOf<Created["X-Request-ID"]>().toEqualTypeOf<string>();
    expectTypeOf<Created["Location"]>().toEqualTypeOf<string>();
    expectTypeOf<Created["Idempotent-Replayed"]>().toEqualTypeOf<"true">();
    expectTypeOf<Created["RateLimit"]>().toEqualTypeOf<string>();
    expectTypeOf<Created["RateLimit-Policy"]>().toEqualTypeOf<string>();
  });

  it("types the ETag of a read and the Retry-After of 429 and 503", () => {
    expectTypeOf<GetBow["responses"][200]["headers"]["ETag"]>().toEqualTypeOf<string>();
    type Limited = components["responses"]["TooManyRequests"]["headers"];
    type Unavailable = components["responses"]["ServiceUnavailable"]["headers"];
    expectTypeOf<Limited["Retry-After"]>().toEqualTypeOf<number>();
    expectTypeOf<Unavailable["Retry-After"]>().toEqualTypeOf<number>();
    expectTypeOf<Unavailable["X-Request-ID"]>().toEqualTypeOf<string>();
  });

  it("offers X-Request-ID as an optional request header of every operation", () => {
    type Header = NonNullable<GetBow["parameters"]["header"]>;
    expectTypeOf<Header["X-Request-ID"]>().toEqualTypeOf<string | undefined>();
  });

  it("sends the caller's X-Request-ID and hands back the answer's headers", async () => {
    const sent: Request[] = [];
    const api = createApiClient({
      baseUrl: "http://quiver.test",
      fetch: (request) => {
        sent.push(request);
        const headers = { "Content-Type": "application/json", "X-Request-ID": "audit-1" };
        return Promise.resolve(new Response(JSON.stringify({ items: [], next_cursor: null }), { headers }));
      },
    });
    const { response } = await api.GET("/api/v0/bow", { params: { header: { "X-Request-ID": "audit-1" } } });
    expect(sent[0]?.headers.get("X-Request-ID")).toBe("audit-1");
    expect(response.headers.get("X-Request-ID")).toBe("audit-1");
  });
});
