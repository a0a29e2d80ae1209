// The life of one routed view. Each route change starts a new view: the previous one's cleanups
// run (listeners, timers, body classes), and the `main` it was handed stops accepting changes,
// so a slow, older render that finishes late never lands over the newer page.
//
// A view receives `ctx.view`:
//   view.onCleanup(fn)   runs fn when the route changes (or the same route renders again);
//   view.interval(fn, ms) / view.timeout(fn, ms)   timers cleared then;
//   view.listen(target, type, fn, options)        an event listener removed then;
//   view.current          false once a newer view has started.
// and `ctx.main`: the <main> element, guarded (writes from a stale view do nothing).

let active = null;

/** Methods that change what <main> shows, or where focus and scrolling are. */
const WRITES = new Set(["replaceChildren", "append", "prepend", "appendChild", "insertBefore",
  "removeChild", "replaceChild", "focus", "scrollTo", "scrollBy", "scrollIntoView"]);

export function startView(mainElement) {
  if (active) active.end();
  const cleanups = [];
  const view = {
    current: true,
    onCleanup(fn) { cleanups.push(fn); },
    interval(fn, ms) { const t = setInterval(fn, ms); cleanups.push(() => clearInterval(t)); return t; },
    timeout(fn, ms) { const t = setTimeout(fn, ms); cleanups.push(() => clearTimeout(t)); return t; },
    listen(target, type, fn, options) {
      target.addEventListener(type, fn, options);
      cleanups.push(() => target.removeEventListener(type, fn, options));
    },
    end() {
      view.current = false;
      for (const fn of cleanups.splice(0).reverse()) {
        try { fn(); } catch (error) { console.error("view cleanup failed", error); }
      }
    },
  };
  const main = new Proxy(mainElement, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (WRITES.has(key)) return (...args) => (view.current ? value.apply(target, args) : undefined);
      return value.bind(target);
    },
    set(target, key, value) {
      if (view.current) Reflect.set(target, key, value, target);
      return true;
    },
  });
  active = view;
  return { view, main };
}

