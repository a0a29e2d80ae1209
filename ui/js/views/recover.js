// The recovery page: shown at start-up when the database could not be opened. For a refused
// file (not ours, from a newer version, damaged) it offers a fresh database — the old file is
// renamed beside it, never deleted — or to quit; for a file in use, to try again or quit.

import { h, mount, errorBox } from "../dom.js";

const TITLES = {
  refused: "Your data file cannot be opened",
  "open-elsewhere": "Your data file is open in another window",
  locked: "Your data file is in use",
  unavailable: "Your data file cannot be opened",
};

export async function renderRecover({ main, state, api }) {
  const problem = await api.databaseProblem();
  if (!problem) {
    mount(
      main,
      h("h1", {}, "Your data file is open"),
      h("p", {}, "The database is working; there is nothing to recover."),
      h("a", { class: "button", href: "#/" }, "Go to the start page"),
    );
    return;
  }
  const status = h("div", { id: "recover-status", "aria-live": "polite" });
  const opened = async () => {
    state.status = await api.appStatus();
    location.hash = "#/";
  };
  const actions = [];
  if (problem.kind === "refused") {
    actions.push(
      h("button", {
        type: "button",
        id: "recover-fresh",
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            const fresh = await api.databaseStartFresh();
            state.status = await api.appStatus();
            mount(
              main,
              h("h1", {}, "You are working with a fresh database"),
              h("div", { class: "notice notice-ok", id: "recover-done", role: "status" },
                "The old file was kept, unchanged, as ",
                h("code", { id: "recover-moved-to" }, fresh.moved_to),
                ". Nothing was deleted."),
              h("a", { class: "button", href: "#/", id: "recover-continue" }, "Continue"),
            );
            main.focus();
          } catch (error) {
            button.disabled = false;
            mount(status, errorBox(error));
          }
        },
      }, "Start with a fresh database"),
    );
  } else {
    actions.push(
      h("button", {
        type: "button",
        id: "recover-retry",
        // One try at a time: a second click while the first is answered would, once the
        // database opened, send the person back to the start page from wherever they went.
        onclick: async (event) => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            const still = await api.databaseRetry();
            if (still) mount(status, errorBox(still));
            else return await opened();
          } catch (error) {
            mount(status, errorBox(error));
          }
          button.disabled = false;
        },
      }, "Try again"),
    );
  }
  actions.push(
    h("button", { type: "button", id: "recover-quit", class: "button-secondary", onclick: () => api.appQuit() }, "Quit"),
  );
  mount(
    main,
    h("h1", {}, TITLES[problem.kind] || TITLES.unavailable),
    h("div", { class: "notice notice-error", role: "alert", id: "recover-message" }, problem.message),
    problem.path ? h("p", {}, "Data file: ", h("code", { id: "recover-path" }, problem.path)) : null,
    problem.kind === "refused"
      ? h("div", { class: "recover-explain" },
          h("p", {}, "The app has not written anything to this file. You can start again with an empty database: the file above is then renamed in the same folder, with ",
            h("code", {}, ".unreadable-"), " and today's date and time added to its name. It is not deleted or changed, so a newer version of the app, or someone who can repair it, can still open it."),
          h("p", {}, "You can read the course without a database; teams, assessments and plans need one."))
      : h("p", { class: "recover-explain" },
          problem.kind === "open-elsewhere"
            ? "Only one window can work on a data file at a time, so that two windows never save over each other. Switch to the other window, or close it and choose Try again."
            : "Close the other program, then choose Try again."),
    h("div", { class: "recover-actions" }, actions),
    status,
  );
  main.focus();
}
