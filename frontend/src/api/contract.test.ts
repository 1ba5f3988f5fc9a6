// These checks run in `npm run typecheck` (vue-tsc), not in vitest: vitest strips types.
// If the contract ever accepted "crossbow", the @ts-expect-error below would become unused
// and the typecheck would fail.
import { describe, expect, expectTypeOf, it } from "vitest";

import { createApiClient, type ArcherRegistration, type Schemas } from "./client";

describe("ArcherRegistration", () => {
  it("allows exactly the bowstyles of the contract", () => {
    expectTypeOf<Schemas["Bowstyle"]>().toEqualTypeOf<
      "recurve" | "compound" | "barebow" | "longbow"
    >();
  });

  it("rejects an unknown bowstyle at compile time", () => {
    const registration: ArcherRegistration = {
      email: "robin@example.com",
      password: "sherwood-forest",
      first_name: "Robin",
      last_name: "Hood",
      // @ts-expect-error -- "crossbow" is not a Bowstyle in the contract.
      bowstyle: "crossbow",
      draw_weight_lb: 40,
    };

    expect(registration.bowstyle).toBe("crossbow");
  });

  it("sends a valid registration as JSON", async () => {
    const requests: Request[] = [];
    const api = createApiClient({
      baseUrl: "http://quiver.test",
      fetch: (request) => {
        requests.push(request);
        return Promise.resolve(new Response(null, { status: 500 }));
      },
    });
    const registration = {
      email: "robin@example.com",
      password: "sherwood-forest",
      first_name: "Robin",
      last_name: "Hood",
      bowstyle: "longbow",
      draw_weight_lb: 50,
      gender: null,
    } satisfies ArcherRegistration;

    await api.POST("/api/v0/archer", { body: registration });

    expect(requests[0]?.method).toBe("POST");
    expect(await requests[0]?.json()).toEqual(registration);
  });
});
