import { h, mount, trusted, minutes } from "../dom.js";

const NOTES_KEY = "show-facilitator-notes";

export async function renderChapter({ main, api }, id, anchor) {
  const chapter = await api.chapter(id);
  const showNotes = localStorage.getItem(NOTES_KEY) === "1";
  const hasNotes = chapter.sections.some((s) => s.notes_html);

  const article = h("article", { class: "chapter", "aria-labelledby": "chapter-title" });
  for (const section of chapter.sections) {
    const part = trusted("section", { class: "chapter-section", dataset: { anchor: section.anchor } }, section.html);
    if (section.notes_html) {
      part.append(
        h("aside", { class: "facilitator-notes", "aria-label": "Facilitator notes", hidden: !showNotes },
          h("p", { class: "notes-label" }, "Facilitator notes"),
          trustedFragment(section.notes_html)),
      );
    }
    article.append(part);
  }

  const toggle = hasNotes
    ? h("label", { class: "toggle" },
        h("input", {
          type: "checkbox",
          id: "notes-toggle",
          checked: showNotes,
          onchange: (event) => {
            localStorage.setItem(NOTES_KEY, event.target.checked ? "1" : "0");
            for (const aside of main.querySelectorAll(".facilitator-notes")) aside.hidden = !event.target.checked;
          },
        }),
        " Show facilitator notes")
    : null;

  mount(
    main,
    h("p", { class: "breadcrumb" }, chapter.module_title),
    h("h1", { id: "chapter-title" }, chapter.title),
    h("p", { class: "chapter-meta" },
      chapter.kind === "activity" ? h("span", { class: "badge" }, "Activity") : null,
      ` ${minutes(chapter.minutes)}`),
    toggle,
    article,
    h("nav", { class: "pager", "aria-label": "Chapters" },
      chapter.previous
        ? h("a", { class: "button button-secondary", href: `#/chapter/${chapter.previous.id}`, rel: "prev" }, "← ", chapter.previous.title)
        : h("span"),
      chapter.next
        ? h("a", { class: "button", href: `#/chapter/${chapter.next.id}`, rel: "next" }, chapter.next.title, " →")
        : h("span")),
  );

  const target = anchor ? main.querySelector(`[id="${CSS.escape(anchor)}"]`) : null;
  if (target) {
    target.scrollIntoView();
  } else {
    main.scrollTop = 0;
    window.scrollTo(0, 0);
  }
  main.focus({ preventScroll: true });
}

function trustedFragment(html) {
  return trusted("div", {}, html);
}
