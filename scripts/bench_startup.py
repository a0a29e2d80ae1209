"""The measuring half of scripts/bench-startup (which builds the programs and sets the scene).

Runs the app and the empty Tauri window alternately, RUNS times each after one unmeasured
warm-up each, under the X display in $DISPLAY, and prints for each program the median of:

- map (plain): launch -> its window mapped (X MapNotify), started directly, as a user would;
- map (driven): the same, started by WebKitWebDriver (automation on, as in the e2e tests);
- interactive: launch -> the page's `first-page` performance mark, which the app sets once its
  first page (the home heading) is rendered and the empty window when its static page runs
  (performance.timeOrigin + the mark's time: the same clock as the launch);
- PSS: the summed proportional set size (smaps_rollup) of the program and every process under it
  (WebKit's web and network processes), after the app has opened the first course chapter and a
  team's results page (the empty window: after its page is shown);
- where the time to interactive goes: launch -> the page's time origin (the program's own start,
  its window and WebKit's processes), -> DOMContentLoaded (the HTML, the style sheets and the
  modules imported at start), -> the mark (IPC calls and the first page drawn); and the PSS of
  the program, WebKit's web process and its network process apart.

Then the ratios and differences to the empty window, and the targets of issue 17.
Usage: bench_startup.py APP EMPTY CLI RUNS (paths of the release binaries).
"""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

APP, EMPTY, CLI = sys.argv[1], sys.argv[2], sys.argv[3]
RUNS = int(sys.argv[4])
TEAM = "Booking Web (demo)"
TIMEOUT_S = 30


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class MapWatcher:
    """Time-stamps every MapNotify on the root window (`xev -root -event substructure`)."""

    def __init__(self):
        self.events = []  # time_ns of each top-level window mapped
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(
            ["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
        )
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.3)  # xev has selected its events

    def _read(self):
        # MapNotify event, serial 17, synthetic NO, window 0x3ff,
        #     event 0x3ff, window 0x1200003, override NO
        lines = iter(self.proc.stdout)
        for line in lines:
            if not line.startswith("MapNotify event"):
                continue
            stamp = time.time_ns()
            detail = next(lines, "")
            if "override NO" in detail:
                with self.lock:
                    self.events.append(stamp)

    def first_map_after(self, t0_ns, deadline_s=TIMEOUT_S):
        end = time.time() + deadline_s
        while time.time() < end:
            with self.lock:
                for stamp in self.events:
                    if stamp >= t0_ns:
                        return stamp
            time.sleep(0.002)
        raise RuntimeError("no window was mapped within %d s" % deadline_s)

    def stop(self):
        self.proc.terminate()


def descendants(pid):
    """pid and every process under it."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pid):
    """{kind: KiB} over pid and every process under it; kind is "program" for pid itself, "web"
    and "network" for WebKit's processes, "other" for anything else."""
    out = {}
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/comm") as f:
                name = f.read().strip()  # at most 15 characters
            kind = ("program" if p == pid else "web" if name.startswith("WebKitWeb")
                    else "network" if name.startswith("WebKitNetwork") else "other")
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        out[kind] = out.get(kind, 0) + int(line.split()[1])
        except OSError:
            pass
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    """WebKitWebDriver, spoken to directly (W3C WebDriver over HTTP)."""

    def __init__(self, env):
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["WebKitWebDriver", f"--port={self.port}"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        end = time.time() + 10
        while time.time() < end:
            try:
                self.call("GET", "/status")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("WebKitWebDriver did not start")

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S + 10) as resp:
                return json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"WebDriver {method} {path}: {e.code} {e.read().decode()[:500]}") from None

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Session:
    def __init__(self, driver, binary):
        self.driver = driver
        caps = {"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": binary, "args": []},
        }}}
        self.id = driver.call("POST", "/session", caps)["value"]["sessionId"]

    def run(self, script, *args, asynchronous=False):
        kind = "async" if asynchronous else "sync"
        return self.driver.call(
            "POST", f"/session/{self.id}/execute/{kind}", {"script": script, "args": list(args)}
        )["value"]

    def first_page(self):
        """Epoch ms of the page's `first-page` performance mark (set once its first page is usable)."""
        return self.run(
            """
            const done = arguments[arguments.length - 1];
            const at = () => performance.getEntriesByName("first-page")[0];
            const poll = () => at() ? done(performance.timeOrigin + at().startTime) : setTimeout(poll, 5);
            poll();
            """,
            asynchronous=True,
        )

    def page_timing(self):
        """Where the page's time went: its time origin (epoch ms: the navigation's start) and
        DOMContentLoaded (ms after the origin: the HTML, the style sheets and every module
        imported at start, evaluated). WebKit keeps no resource timing for the app's custom
        scheme, so files and IPC calls are not counted."""
        return self.run(
            """
            const nav = performance.getEntriesByType("navigation")[0];
            const t = performance.timing;
            const ready = nav ? nav.domContentLoadedEventEnd
                              : t.domContentLoadedEventEnd - t.navigationStart;
            const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
            return { origin: performance.timeOrigin, ready,
                     status: at("status"), outline: at("outline"), first: at("first-page") };
            """
        )

    def wait_for(self, selector):
        """Epoch ms at which `selector` matched, observed inside the page."""
        return self.run(
            """
            const [selector, done] = arguments;
            const now = () => performance.timeOrigin + performance.now();
            if (document.querySelector(selector)) { done(now()); return; }
            const seen = new MutationObserver(() => {
              if (document.querySelector(selector)) { seen.disconnect(); done(now()); }
            });
            seen.observe(document.documentElement, { childList: true, subtree: true });
            """,
            selector, asynchronous=True,
        )

    def close(self):
        try:
            self.driver.call("DELETE", f"/session/{self.id}")
        except OSError:
            pass


def wrapper(binary, stamp_file, work):
    """A launcher that writes the launch time (epoch ns) and then becomes the program."""
    path = os.path.join(work, "launch-" + os.path.basename(binary))
    with open(path, "w") as f:
        f.write(f'#!/bin/sh\ndate +%s%N > "{stamp_file}"\nexec "{binary}" "$@"\n')
    os.chmod(path, 0o755)
    return path


def plain_map_ms(binary, watcher, env):
    t0 = time.time_ns()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        mapped = watcher.first_map_after(t0)
    finally:
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
    return (mapped - t0) / 1e6


def driven(name, binary, watcher, driver, work, results_path):
    stamp = os.path.join(work, "launch-" + name)
    launcher = wrapper(binary, stamp, work)
    session = Session(driver, launcher)
    try:
        session.wait_for("main h1")
        heading_ms = session.first_page()
        page = session.page_timing()
        with open(stamp) as f:
            t0 = int(f.read())
        mapped = watcher.first_map_after(t0)
        if results_path is not None:
            chapter = session.run(
                "return document.querySelector('a.button[href^=\"#/chapter/\"]').getAttribute('href')")
            session.run("location.hash = arguments[0]", chapter)
            session.wait_for("#chapter-title")
            session.run("location.hash = arguments[0]", results_path)
            session.wait_for("#results-title")
        time.sleep(1.0)  # let the web process settle before reading memory
        pid = app_pid(binary)
        pss = pss_kib(pid)
    finally:
        session.close()
    end_process(binary)
    return {
        "map": (mapped - t0) / 1e6,
        "tti": heading_ms - t0 / 1e6,
        "origin": page["origin"] - t0 / 1e6,
        "ready": page["ready"],
        "scripts": heading_ms - page["origin"] - page["ready"],
        # The app's own marks, ms after the page's origin (the empty window has none: its page
        # is ready when it is loaded).
        "status": page["status"] if page["status"] is not None else page["first"],
        "outline": page["outline"] if page["outline"] is not None else page["first"],
        "first": page["first"],
        "pss": sum(pss.values()) / 1024,
        "pss_program": pss.get("program", 0) / 1024,
        "pss_web": pss.get("web", 0) / 1024,
        "pss_network": pss.get("network", 0) / 1024,
    }


def end_process(binary):
    """WebKitWebDriver closes the program with the session; end it by id if it did not."""
    for _ in range(100):
        out = subprocess.run(["pgrep", "-f", "^" + binary], capture_output=True, text=True).stdout
        if not out.strip():
            return
        time.sleep(0.05)
    for pid in out.split():
        os.kill(int(pid), signal.SIGTERM)


def app_pid(binary):
    out = subprocess.run(["pgrep", "-n", "-f", "^" + binary], capture_output=True, text=True).stdout
    if not out.strip():
        raise RuntimeError(f"{binary} is not running")
    return int(out.split()[0])


def main():
    work = tempfile.mkdtemp(prefix="bench-startup-")
    try:
        db = os.path.join(work, "data", "devops-maturity.db")
        os.makedirs(os.path.dirname(db))
        env = dict(os.environ, DEVOPS_MATURITY_DB=db, NO_AT_BRIDGE="1")
        subprocess.run([CLI, "--db", db, "demo"], check=True, stdout=subprocess.DEVNULL)
        listing = subprocess.run([CLI, "--db", db, "assess", "list", "--team", TEAM],
                                 check=True, capture_output=True, text=True).stdout
        # "id  date  status  overall …" then one line per assessment: take the newest completed.
        rows = [line.split() for line in listing.splitlines()[1:] if "completed" in line.split()]
        assessment = rows[-1][0]
        results_path = f"#/results/{assessment}"

        watcher = MapWatcher()
        driver = Driver(dict(env, TAURI_WEBVIEW_AUTOMATION="true"))
        programs = [("empty", EMPTY, None), ("app", APP, results_path)]
        figures = {name: {} for name, _, _ in programs}
        try:
            for run in range(RUNS + 1):
                for name, binary, results in programs:
                    plain = plain_map_ms(binary, watcher, env)
                    d = dict(driven(name, binary, watcher, driver, work, results), map_plain=plain)
                    label = "warm-up" if run == 0 else f"run {run}/{RUNS}"
                    log(f"{label} {name:5}: map {plain:6.0f} ms (driven {d['map']:6.0f} ms), "
                        f"interactive {d['tti']:6.0f} ms, PSS {d['pss']:6.1f} MiB")
                    if run > 0:
                        for key, value in d.items():
                            figures[name].setdefault(key, []).append(value)
        finally:
            driver.stop()
            watcher.stop()
        report(figures)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(figures):
    med = {n: {k: statistics.median(v) for k, v in f.items()} for n, f in figures.items()}
    rng = {n: {k: (min(v), max(v)) for k, v in f.items()} for n, f in figures.items()}
    e, a = med["empty"], med["app"]
    print(f"{'':26}{'empty window':>18}{'app':>18}{'app / empty':>14}")
    rows = [
        ("map, plain launch (ms)", "map_plain"),
        ("map, driven (ms)", "map"),
        ("interactive (ms)", "tti"),
        ("PSS (MiB)", "pss"),
    ]
    for title, key in rows:
        cells = []
        for n in ("empty", "app"):
            lo, hi = rng[n][key]
            cells.append(f"{med[n][key]:.0f} ({lo:.0f}–{hi:.0f})")
        print(f"{title:26}{cells[0]:>18}{cells[1]:>18}{a[key] / e[key]:>13.2f}×")
    print(f"medians of {len(figures['app']['tti'])} runs each, (min–max)")
    print()
    print("where the time to interactive goes (medians, ms):")
    parts = [
        ("launch → page's time origin", "origin"),
        ("→ DOMContentLoaded", "ready"),
        ("→ first-page mark", "scripts"),
    ]
    for title, key in parts:
        print(f"  {title:30}{e[key]:>10.0f}{a[key]:>10.0f}{a[key] - e[key]:>+10.0f}")
    print("the app's marks, ms after the page's time origin (medians):")
    for title, key in [("database status answered", "status"),
                       ("course outline drawn", "outline"), ("first page drawn", "first")]:
        print(f"  {title:30}{e[key]:>10.0f}{a[key]:>10.0f}{a[key] - e[key]:>+10.0f}")
    print("where the PSS goes (medians, MiB):")
    for title, key in [("program", "pss_program"), ("WebKitWebProcess", "pss_web"),
                       ("WebKitNetworkProcess", "pss_network")]:
        print(f"  {title:30}{e[key]:>10.1f}{a[key]:>10.1f}{a[key] - e[key]:>+10.1f}")
    tti_ratio = a["tti"] / e["map"]
    pss_extra = a["pss"] - e["pss"]
    print(f"app interactive / empty window mapped (driven): {tti_ratio:.2f}× (target ≤ 1.3×)")
    print(f"app PSS - empty window PSS: {pss_extra:+.1f} MiB (target ≤ +50 MiB)")


if __name__ == "__main__":
    main()
