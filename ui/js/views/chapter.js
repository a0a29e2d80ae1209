import { h, mount, trusted, minutes } from "../dom.js";
import { refreshProgress } from "../training.js";
import { startPresenter } from "./presenter.js";

const NOTES_KEY = "show-facilitator-notes";

export async function renderChapter({ main, api, state }, id, anchor) {
  const chapter = await api.chapter(id);
  const progress = await refreshProgress();
  const module = state.outline?.modules.find((m) => m.id === chapter.module_id);
  const position = module ? module.chapters.findIndex((c) => c.id === chapter.id) : -1;
  const isLast = module && position === module.chapters.length - 1;
  const moduleProgress = progress?.modules.find((m) => m.module_id === chapter.module_id);
  let isRead = progress ? progress.read_chapters.includes(chapter.id) : false;
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

  const readCount = h("span", { class: "muted small", id: "module-progress" });
  const drawReadCount = (m) => {
    if (m && module) readCount.textContent = `Chapter ${position + 1} of ${module.chapters.length} · ${m.read}/${m.total} read in this module`;
  };
  drawReadCount(moduleProgress);
  const readButton = h("button", { type: "button", class: "button-secondary", id: "mark-read", "aria-pressed": String(isRead) },
    isRead ? "✓ Read" : "Mark as read");
  readButton.addEventListener("click", async () => {
    try {
      const next = await api.chapterMarkRead(chapter.id, !isRead);
      isRead = next.read_chapters.includes(chapter.id);
      readButton.textContent = isRead ? "✓ Read" : "Mark as read";
      readButton.setAttribute("aria-pressed", String(isRead));
      drawReadCount(next.modules.find((m) => m.module_id === chapter.module_id));
      await refreshProgress();
    } catch (error) {
      readButton.after(h("span", { class: "notice notice-error", role: "alert" }, error.message));
    }
  });
  const toolbar = h("div", { class: "chapter-tools" },
    h("button", { type: "button", id: "present-button", title: "Present (P)", onclick: () => startPresenter(chapter.id) }, "▶ Present"),
    readButton,
    chapter.kind === "activity" ? h("a", { class: "button button-secondary", href: `#/activity/${chapter.id}`, id: "open-timer" }, "⏱ Run with timer") : null,
    readCount);

  mount(
    main,
    h("p", { class: "breadcrumb" }, chapter.module_title),
    h("h1", { id: "chapter-title" }, chapter.title),
    h("p", { class: "chapter-meta" },
      chapter.kind === "activity" ? h("span", { class: "badge" }, "Activity") : null,
      ` ${minutes(chapter.minutes)}`),
    toolbar,
    toggle,
    article,
    isLast
      ? h("aside", { class: "quiz-callout card" },
          h("h2", {}, "Knowledge check"),
          h("p", {}, `You have reached the end of “${chapter.module_title}”. Check what you learned: every answer explains itself.`),
          h("a", { class: "button", href: `#/quiz/${chapter.module_id}`, id: "take-quiz" }, "Take the knowledge check"))
      : null,
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
