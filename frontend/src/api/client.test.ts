import { describe, expect, expectTypeOf, it } from "vitest";

import {
  createApiClient,
  describeError,
  fieldErrors,
  type Face,
  type FaceList,
  type Problem,
} from "./client";

const BASE_URL = "http://quiver.test";

function fakeFetch(reply: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch = (request: Request): Promise<Response> => {
    requests.push(request);
    return Promise.resolve(reply(request));
  };
  return { fetch, requests };
}

function jsonResponse(body: unknown, status = 200, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

const wa40: Face = {
  face_type: "wa_40",
  name: "WA 40 cm",
  diameter_mm: 400,
  scoring_style: "recurve_x",
  x_diameter_mm: 20,
  max_arrow_score: 10,
  rings: [
    { score: 10, outer_diameter_mm: 40, colour: "gold" },
    { score: 9, outer_diameter_mm: 80, colour: "gold" },
  ],
  spots: [{ x_mm: 0, y_mm: 0 }],
};

const notFound: Problem = {
  type: "/problems/not_found",
  title: "Not Found",
  status: 404,
  detail: "No face wa_99.",
  instance: "/api/v0/face/wa_99",
  code: "not_found",
  request_id: "req-1",
};

describe("listFaces", () => {
  it("returns the typed face catalogue", async () => {
    const { fetch, requests } = fakeFetch(() => jsonResponse({ items: [wa40] }));
    const api = createApiClient({ baseUrl: BASE_URL, fetch });

    const { data, error } = await api.GET("/api/v0/face");

    expectTypeOf(data).toEqualTypeOf<FaceList | undefined>();
    expectTypeOf(error).toEqualTypeOf<Problem | undefined>();
    expect(error).toBeUndefined();
    expect(data?.items).toEqual([wa40]);
    const first = data?.items[0];
    expectTypeOf(first).toEqualTypeOf<Face | undefined>();
    expect(first?.rings.map((ring) => ring.score)).toEqual([10, 9]);

    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url).toBe(`${BASE_URL}/api/v0/face`);
    expect(requests[0]?.headers.has("Authorization")).toBe(false);
  });

  it("returns a Problem document as the error", async () => {
    const { fetch } = fakeFetch(() => jsonResponse(notFound, 404, "application/problem+json"));
    const api = createApiClient({ baseUrl: BASE_URL, fetch });

    const { data, error, response } = await api.GET("/api/v0/face/{face_type}", {
      params: { path: { face_type: "wa_40" } },
    });

    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toEqual(notFound);
    expect(describeError(error, response)).toBe("No face wa_99.");
  });
});

describe("bearer token", () => {
  it("is sent once set and dropped once cleared", async () => {
    const { fetch, requests } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ baseUrl: BASE_URL, fetch });

    api.setToken("t0ken");
    await api.POST("/api/v0/auth/logout");
    api.setToken(null);
    await api.POST("/api/v0/auth/logout");

    expect(requests.map((request) => request.headers.get("Authorization"))).toEqual([
      "Bearer t0ken",
      null,
    ]);
    expect(api.getToken()).toBeNull();
  });

  it("can be given up front", async () => {
    const { fetch, requests } = fakeFetch(() => jsonResponse({}, 401, "application/problem+json"));
    const api = createApiClient({ baseUrl: BASE_URL, fetch, token: "abc" });

    await api.GET("/api/v0/archer/me");

    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer abc");
  });
});

describe("describeError", () => {
  it("lists every failing field of a validation problem", () => {
    const problem: Problem = {
      type: "/problems/validation_failed",
      title: "Validation failed",
      status: 422,
      detail: "The request is invalid.",
      instance: "/api/v0/archer",
      code: "validation_failed",
      request_id: "req-2",
      errors: [
        { pointer: "/email", detail: "not an email address" },
        { pointer: "/draw_weight_lb", detail: "must be at most 120" },
      ],
    };

    expect(describeError(problem)).toBe(
      "The request is invalid. (/email: not an email address; /draw_weight_lb: must be at most 120)",
    );
  });

  it("falls back to the title when the detail is empty", () => {
    expect(describeError({ ...notFound, detail: "" })).toBe("Not Found");
  });

  it("shows the status and body of a non-Problem answer", () => {
    const response = new Response("Bad Gateway", { status: 502, statusText: "Bad Gateway" });

    expect(describeError("upstream down", response)).toBe("502 Bad Gateway: upstream down");
    expect(describeError("", response)).toBe("Request failed with 502 Bad Gateway");
  });

  it("says the server is unreachable when fetch itself failed", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toBe(
      "Cannot reach the server. Check your connection and try again.",
    );
  });

  it("uses the message of any other thrown error", () => {
    expect(describeError(new Error("Aborted"))).toBe("Aborted");
    expect(describeError(undefined)).toBe("Request failed");
  });
});

describe("fieldErrors", () => {
  const invalid: Problem = {
    type: "/problems/validation_failed",
    title: "Validation failed",
    status: 422,
    detail: "The request is invalid.",
    instance: "/api/v0/slot/1/shot",
    code: "validation_failed",
    request_id: "req-3",
    errors: [
      { pointer: "/email", detail: "not an email address" },
      { pointer: "/arrows/0/x_mm", detail: "must be at most 1500" },
      { pointer: "/arrows/1/value", detail: "not a value of this face" },
      { pointer: "/a~1b", detail: "escaped" },
      { pointer: "#/query/limit", detail: "must be at least 1" },
    ],
  };

  it("keys each message by the top-level body field it points at", () => {
    expect(fieldErrors(invalid)).toEqual({
      email: "not an email address",
      arrows: "must be at most 1500; not a value of this face",
      "a/b": "escaped",
      "#/query/limit": "must be at least 1",
    });
  });

  it("is empty for anything that is not a problem", () => {
    expect(fieldErrors(new TypeError("Failed to fetch"))).toEqual({});
    expect(fieldErrors({ ...notFound })).toEqual({});
  });
});

describe("onUnauthorized", () => {
  it("fires when a request carrying a token answers 401", async () => {
    const { fetch } = fakeFetch(() => jsonResponse({}, 401, "application/problem+json"));
    const api = createApiClient({ baseUrl: BASE_URL, fetch, token: "expired" });
    let calls = 0;
    api.onUnauthorized(() => (calls += 1));

    await api.GET("/api/v0/archer/me");

    expect(calls).toBe(1);
  });

  it("does not fire for a wrong password (no token sent)", async () => {
    const { fetch } = fakeFetch(() => jsonResponse({}, 401, "application/problem+json"));
    const api = createApiClient({ baseUrl: BASE_URL, fetch });
    let calls = 0;
    api.onUnauthorized(() => (calls += 1));

    await api.POST("/api/v0/auth/login", { body: { email: "a@b.c", password: "wrong" } });

    expect(calls).toBe(0);
  });
});

describe("request timeout", () => {
  it("gives up on a request that hangs, with a sentence for the archer", async () => {
    // Held here: Node's Request follows its signal only weakly, as a real fetch would hold it.
    const held: Request[] = [];
    const hanging = (request: Request): Promise<Response> => {
      held.push(request);
      return new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const api = createApiClient({ baseUrl: BASE_URL, fetch: hanging, timeoutMs: 20 });

    const failure = await api.GET("/api/v0/face").then(
      () => null,
      (thrown: unknown) => thrown,
    );

    expect(held).toHaveLength(1);
    expect(failure).toBeInstanceOf(DOMException);
    expect((failure as DOMException).name).toBe("TimeoutError");
    expect(describeError(failure)).toBe("The server took too long to answer. Check your connection and try again.");
  });
});
