// The "Create demo data" offer shown while the app has no teams: one command stores the demo
// organisation's teams and a year of their assessments.

import { h, mount, errorBox } from "../dom.js";

export function demoOffer(api, onCreated) {
  const status = h("div", { role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button-secondary", id: "create-demo", onclick: async () => {
    button.disabled = true;
    try {
      const summary = await api.demoCreate();
      mount(status, h("p", { class: "notice notice-ok" },
        `Created ${summary.teams} teams of ${summary.organisation} with ${summary.assessments} assessments.`));
      await onCreated?.(summary);
    } catch (error) {
      button.disabled = false;
      mount(status, errorBox(error));
    }
  } }, "Create demo data");
  return h("div", { class: "demo-offer", id: "demo-offer" },
    h("p", { class: "muted" }, "No teams yet. To look around first, create a demo organisation with a few teams and a year of assessments; it can sit beside your own teams."),
    button, status);
}
