import { describe, expect, it } from "vitest";

import { useFormRequest } from "./useFormRequest";

describe("useFormRequest", () => {
  const invalid = {
    type: "/problems/validation_failed",
    title: "Unprocessable Entity",
    status: 422,
    detail: "The request is invalid: /name, /colour.",
    instance: "/api/v0/bow",
    code: "validation_failed",
    request_id: "r",
    errors: [
      { pointer: "/name", detail: "String should have at least 1 character" },
      { pointer: "/colour", detail: "Extra inputs are not permitted" },
    ],
  };

  it("puts shown fields' messages next to them and the rest in the alert", async () => {
    const request = useFormRequest(["name"]);
    await request.run(() => Promise.resolve(invalid));
    expect(request.fields.value["name"]).toBe("String should have at least 1 character");
    expect(request.alert.value).toBe("The request is invalid: /name, /colour. colour: Extra inputs are not permitted");
  });

  it("places a problem on a field by its code", async () => {
    const request = useFormRequest(["email"], { email_taken: "email" });
    const taken = { ...invalid, status: 409, code: "email_taken", detail: "An archer with this email already exists." };
    await request.run(() => Promise.resolve({ ...taken, errors: undefined }));
    expect(request.fields.value).toEqual({ email: "An archer with this email already exists." });
    expect(request.alert.value).toBeNull();
  });

  it("says the server is unreachable on a network error", async () => {
    const request = useFormRequest([]);
    await request.run(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(request.alert.value).toBe("Cannot reach the server. Check your connection and try again.");
  });
});
