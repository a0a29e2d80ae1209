// The banner that says a save waits for another program that has the data file open (a
// `devops-maturity` command still running, say). The store waits up to 5 s for it before it
// gives up, and meanwhile a click would seem to do nothing. While any call is under way, the
// back end is asked four times a second whether a write is waiting, and the banner follows.

const SAYS =
  "Another program is writing to your data file (a devops-maturity command, for example). " +
  "Your change waits for it to finish, for at most 5 seconds.";

export function watchStoreWaits(api, banner) {
  let asking = false;
  const show = (waiting) => {
    // Written when shown and emptied when hidden, so that screen readers hear it each time.
    const text = waiting ? SAYS : "";
    if (banner.textContent !== text) banner.textContent = text;
    banner.hidden = !waiting;
  };
  setInterval(async () => {
    if (asking) return;
    if (api.callsUnderWay() === 0) {
      show(false);
      return;
    }
    asking = true;
    try {
      show(await api.storeWaiting());
    } catch {
      show(false);
    } finally {
      asking = false;
    }
  }, 250);
}
