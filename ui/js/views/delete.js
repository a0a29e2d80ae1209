// Delete, with a way back. `deleteButton` asks the Rust side what goes with a target, shows it
// in a confirmation dialog ("Platform Team — with it go: 3 assessments, 2 plans"), deletes only
// when confirmed — completed assessments only once their box is ticked, since they are
// otherwise frozen — and then offers an undo. `trashPanel` lists what can still be restored
// (Your data). The rules (what goes with what, the backup, the 30 days) live in the store.

import { h, mount, errorBox } from "../dom.js";
import { date } from "../format.js";

/** A "Delete" button for `target`; `onChange` re-renders the page after a delete or an undo. */
export function deleteButton(api, target, { label, text = "Delete", onChange } = {}) {
  const button = h("button", { type: "button", class: "button-secondary button-delete", // The accessible name starts with the visible text (WCAG 2.5.3), then says what goes.
    "aria-label": label ? (text === "Delete" ? `Delete ${label}` : `${text}: ${label}`) : undefined,
    onclick: () => confirmDelete(api, target, { onChange, returnFocus: button }) }, text);
  return button;
}

/** Shows what deleting `target` takes and deletes it once confirmed. */
export async function confirmDelete(api, target, { onChange, returnFocus } = {}) {
  let preview;
  try {
    preview = await api.deletePreview(target);
  } catch (error) {
    toast(errorBox(error));
    return;
  }
  const completed = preview.counts.completed;
  const tick = completed > 0
    ? h("input", { type: "checkbox", id: "delete-completed" })
    : null;
  const status = h("div", { role: "status" });
  const confirm = h("button", { type: "button", class: "button-danger", id: "delete-confirm", disabled: Boolean(tick) }, "Delete");
  const cancel = h("button", { type: "button", class: "button-secondary", id: "delete-cancel" }, "Cancel");
  const dialog = h("dialog", { class: "delete-dialog", id: "delete-dialog", "aria-labelledby": "delete-title" },
    h("h2", { id: "delete-title" }, `Delete ${preview.label}?`),
    preview.with.length
      ? [h("p", {}, "With it go:"), h("ul", { class: "delete-with", id: "delete-with" }, preview.with.map((w) => h("li", {}, w)))]
      : h("p", { id: "delete-with" }, "Nothing else goes with it."),
    tick && h("p", { class: "delete-completed" }, tick,
      h("label", { for: "delete-completed" },
        completed === 1
          ? " Also delete the completed assessment. Completed assessments are otherwise kept exactly as they were."
          : ` Also delete the ${completed} completed assessments. Completed assessments are otherwise kept exactly as they were.`)),
    preview.bulk && h("p", { class: "muted small" }, "A backup of the database is taken first."),
    h("p", { class: "muted small" }, "You can undo this right after, or for 30 days from Your data → Recently deleted."),
    status,
    h("p", { class: "delete-actions" }, cancel, confirm));
  tick?.addEventListener("change", () => { confirm.disabled = !tick.checked; });
  const close = () => {
    dialog.close();
    dialog.remove();
    if (returnFocus?.isConnected) returnFocus.focus();
  };
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", (event) => { event.preventDefault(); close(); });
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    mount(status, h("p", { class: "muted" }, preview.bulk ? "Backing up, then deleting…" : "Deleting…"));
    try {
      const deleted = await api.deleteConfirmed(target, Boolean(tick?.checked));
      dialog.close();
      dialog.remove();
      await onChange?.();
      undoToast(api, deleted, onChange);
    } catch (error) {
      confirm.disabled = Boolean(tick) && !tick.checked;
      mount(status, errorBox(error));
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();
}

let current = null;

/** A message at the bottom of the window that stays until closed or the page changes. */
function toast(...content) {
  current?.remove();
  const close = h("button", { type: "button", class: "button-secondary", "aria-label": "Close the message", onclick: () => box.remove() }, "×");
  const box = h("div", { class: "toast", id: "toast", role: "status" }, content, close);
  current = box;
  document.body.append(box);
  window.addEventListener("hashchange", () => box.remove(), { once: true });
  return box;
}

function undoToast(api, deleted, onChange) {
  const undo = h("button", { type: "button", id: "undo-delete" }, "Undo");
  const box = toast(h("span", {}, `Deleted ${deleted.preview.sentence}.`), undo);
  undo.addEventListener("click", async () => {
    undo.disabled = true;
    try {
      const entry = await api.trashRestore(deleted.trash_id);
      box.remove();
      await onChange?.();
      toast(h("span", {}, `Restored ${entry.preview.sentence}.`));
    } catch (error) {
      undo.disabled = false;
      mount(box, errorBox(error));
    }
  });
  undo.focus();
}

/** Your data → Recently deleted: each entry with its Restore button. */
export function trashPanel(api, onChange) {
  const list = h("div", { id: "trash-list" });
  async function refresh() {
    let entries;
    try {
      entries = await api.trashList();
    } catch (error) {
      mount(list, errorBox(error));
      return;
    }
    if (!entries.length) {
      mount(list, h("p", { class: "muted" }, "Nothing was deleted in the last 30 days."));
      return;
    }
    mount(list, h("ul", { class: "trash-entries" }, entries.map((entry) => {
      const status = h("span", { role: "status" });
      const restore = h("button", { type: "button", class: "button-secondary", "aria-label": `Restore ${entry.preview.label}`, onclick: async () => {
        restore.disabled = true;
        try {
          await api.trashRestore(entry.id);
          await refresh();
          await onChange?.();
        } catch (error) {
          restore.disabled = false;
          mount(status, errorBox(error));
        }
      } }, "Restore");
      return h("li", { dataset: { trash: entry.id } },
        h("span", { class: "trash-what" }, entry.preview.sentence),
        h("span", { class: "muted small" }, ` deleted ${date(entry.deleted_at)}, kept until ${date(entry.purge_after)} `),
        restore, status);
    })));
  }
  refresh();
  return h("section", { class: "card", id: "trash" },
    h("h2", {}, "Recently deleted"),
    h("p", { class: "muted" }, "Deleted teams, workshops, assessments, plans and learners are kept here for 30 days, then removed for good. Restoring puts back everything that went with them."),
    list);
}
