"""Concurrent load from a second process: ``python -m bench.load URL...``.

Bounded in both time (``--seconds``) and count (``--max-requests``), loopback only.
Uses ``wrk`` when it is installed (``--tool auto``), otherwise a thread pool of
httpx clients. Prints one JSON object: requests, errors, seconds, rps, tool.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx


def _check_loopback(urls: list[str]) -> None:
    for url in urls:
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit(f"bench.load only loads loopback servers, not {url}")


def run_python(urls: list[str], *, concurrency: int, seconds: float, max_requests: int) -> dict[str, object]:
    lock = threading.Lock()
    counts = {"requests": 0, "errors": 0}
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(timeout=30) as client:
            i = offset
            while time.perf_counter() < deadline:
                with lock:
                    if counts["requests"] >= max_requests:
                        return
                    counts["requests"] += 1
                try:
                    ok = client.get(urls[i % len(urls)]).status_code < 400
                except httpx.HTTPError:
                    ok = False
                if not ok:
                    with lock:
                        counts["errors"] += 1
                i += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"tool": "python", "requests": counts["requests"], "errors": counts["errors"], "seconds": elapsed,
            "rps": counts["requests"] / elapsed if elapsed else 0.0, "concurrency": concurrency}


_WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def run_wrk(urls: list[str], *, concurrency: int, seconds: float) -> dict[str, object]:
    base = urlsplit(urls[0])
    paths = [(lambda u: u.path + ("?" + u.query if u.query else ""))(urlsplit(u)) for u in urls]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "paths.lua"
        script.write_text(_WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(concurrency), "-d", f"{max(1, round(seconds))}s", "--timeout", "30s",
             "-s", str(script), f"{base.scheme}://{base.netloc}"],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        ).stdout
    total = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if total is None:
        raise SystemExit(f"cannot read wrk output:\n{out}")
    elapsed = float(total.group(2)) / (1000 if total.group(3) == "ms" else 1)
    requests = int(total.group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in errors.groups()) if errors else 0)
    return {"tool": "wrk", "requests": requests, "errors": failed, "seconds": elapsed,
            "rps": requests / elapsed if elapsed else 0.0, "concurrency": concurrency}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    args = parser.parse_args(argv)
    _check_loopback(args.urls)
    tool = args.tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    if tool == "wrk":
        result = run_wrk(args.urls, concurrency=args.concurrency, seconds=args.seconds)
    else:
        result = run_python(args.urls, concurrency=args.concurrency, seconds=args.seconds,
                            max_requests=args.max_requests)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
