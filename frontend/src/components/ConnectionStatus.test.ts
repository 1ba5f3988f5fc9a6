// @vitest-environment happy-dom
import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";

import ConnectionStatus from "./ConnectionStatus.vue";

describe("ConnectionStatus", () => {
  it.each([
    ["live", "Live"],
    ["connecting", "Connecting…"],
    ["reconnecting", "Reconnecting…"],
    ["offline", "Offline — arrows are kept and sent later"],
    ["closed", "Not live"],
  ] as const)("says %s as a status", (connection, text) => {
    const wrapper = mount(ConnectionStatus, { props: { connection } });
    const status = wrapper.get('[role="status"]');
    expect(status.text()).toBe(text);
    expect(status.classes()).toContain(connection);
  });

  it("counts the arrows still to send", () => {
    expect(mount(ConnectionStatus, { props: { connection: "offline", pending: 1 } }).text()).toContain("1 arrow to send");
    expect(mount(ConnectionStatus, { props: { connection: "live", pending: 3 } }).text()).toContain("3 arrows to send");
    expect(mount(ConnectionStatus, { props: { connection: "live", pending: 0 } }).text()).toBe("Live");
  });
});
