// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { defineComponent, h } from "vue";
import { describe, expect, it } from "vitest";

import { useRequest } from "../composables/useRequest";
import FormField from "./FormField.vue";
import ProblemAlert from "./ProblemAlert.vue";

const problem = {
  type: "/problems/validation_failed",
  title: "Validation failed",
  status: 422,
  detail: "The request is invalid.",
  instance: "/api/v0/archer",
  code: "validation_failed",
  request_id: "req-1",
  errors: [{ pointer: "/email", detail: "value is not a valid email address" }],
};

/** A one-field form that submits to something answering `outcome`. */
function formAnswering(outcome: () => Promise<unknown>) {
  return defineComponent({
    setup() {
      const request = useRequest();
      const submit = (): Promise<boolean> => request.run(outcome);
      return () =>
        h("form", { onSubmit: (event: Event) => (event.preventDefault(), void submit()) }, [
          h(ProblemAlert, { message: request.message.value }),
          h(
            FormField,
            { label: "Email", hint: "3–254 characters", error: request.fields.value["email"] },
            {
              default: (slot: { id: string; describedby: string }) =>
                h("input", { id: slot.id, "aria-describedby": slot.describedby }),
            },
          ),
        ]);
    },
  });
}

describe("problem+json rendering", () => {
  it("shows the detail in an alert and the field's message next to its field", async () => {
    const wrapper = mount(formAnswering(() => Promise.resolve(problem)));
    await wrapper.find("form").trigger("submit");
    await new Promise((resolve) => setTimeout(resolve));

    expect(wrapper.find('[role="alert"].alert').text()).toContain("The request is invalid.");
    const input = wrapper.find("input");
    const describedBy = input.attributes("aria-describedby")?.split(" ") ?? [];
    const messages = describedBy.map((id) => wrapper.find(`#${id}`).text());
    expect(messages).toEqual(["3–254 characters", "value is not a valid email address"]);
    expect(wrapper.find("label").attributes("for")).toBe(input.attributes("id"));
  });

  it("says the server is unreachable on a network error, never a raw status", async () => {
    const wrapper = mount(formAnswering(() => Promise.reject(new TypeError("Failed to fetch"))));
    await wrapper.find("form").trigger("submit");
    await new Promise((resolve) => setTimeout(resolve));

    expect(wrapper.find('[role="alert"]').text()).toBe(
      "Cannot reach the server. Check your connection and try again.",
    );
  });

  it("shows nothing once the request succeeds", async () => {
    const wrapper = mount(formAnswering(() => Promise.resolve(undefined)));
    await wrapper.find("form").trigger("submit");
    await new Promise((resolve) => setTimeout(resolve));

    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });
});
