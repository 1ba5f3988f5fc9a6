// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { defineComponent, h, reactive } from "vue";
import { describe, expect, it } from "vitest";

import ContractInput from "./ContractInput.vue";

describe("ContractInput", () => {
  it("takes the contract's bounds as attributes and hint, and the property's server message", () => {
    const wrapper = mount(ContractInput<"BowCreate", number | "">, {
      props: {
        modelValue: "",
        label: "Draw weight (lb)",
        schema: "BowCreate",
        property: "draw_weight_lb",
        unit: "lb",
        errors: { draw_weight_lb: "Input should be greater than 0", name: "not this one" },
        type: "number",
        inputmode: "decimal",
      },
    });
    const input = wrapper.find("input");
    expect(input.attributes()).toMatchObject({ type: "number", inputmode: "decimal", step: "any", required: "" });
    expect(input.attributes("autocomplete")).toBeUndefined();
    const described = (input.attributes("aria-describedby") ?? "").split(" ").map((id) => wrapper.find(`#${id}`).text());
    expect(described[0]).toMatch(/lb$/);
    expect(described[1]).toBe("Input should be greater than 0");
    expect(input.attributes("aria-invalid")).toBe("true");
  });

  it("leaves the hint out when told, still checking the bounds", () => {
    const wrapper = mount(ContractInput<"LoginRequest", string>, {
      props: { modelValue: "", label: "Password", schema: "LoginRequest", property: "password", errors: {}, noHint: true },
    });
    expect(wrapper.find(".hint").exists()).toBe(false);
    expect(wrapper.find("input").attributes("aria-describedby")).toBe("");
    expect(wrapper.find("input").attributes("aria-invalid")).toBe("false");
  });

  it("trims with v-model.trim, keeps spaces without it, and casts a number input", async () => {
    const draft = reactive<{ name: string; password: string; count: number | "" }>({ name: "", password: "", count: "" });
    const Form = defineComponent(() => () => [
      h(ContractInput<"ArrowSetCreate", string>, {
        label: "Name",
        schema: "ArrowSetCreate",
        property: "name",
        errors: {},
        modelValue: draft.name,
        modelModifiers: { trim: true },
        "onUpdate:modelValue": (value: string) => (draft.name = value),
      }),
      h(ContractInput<"LoginRequest", string>, {
        label: "Password",
        schema: "LoginRequest",
        property: "password",
        errors: {},
        type: "password",
        modelValue: draft.password,
        "onUpdate:modelValue": (value: string) => (draft.password = value),
      }),
      h(ContractInput<"ArrowSetCreate", number | "">, {
        label: "Count",
        schema: "ArrowSetCreate",
        property: "arrow_count",
        errors: {},
        type: "number",
        modelValue: draft.count,
        "onUpdate:modelValue": (value: number | "") => (draft.count = value),
      }),
    ]);
    const wrapper = mount(Form);
    const [name, password, count] = wrapper.findAll("input");
    await name?.setValue("  Easton X10 ");
    await password?.setValue(" secret words ");
    await count?.setValue("12");
    expect(draft).toEqual({ name: "Easton X10", password: " secret words ", count: 12 });
  });
});
