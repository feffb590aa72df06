#!/usr/bin/env python3
"""Prints the table of figures of a bench/run and writes them into docs/performance.md (between
the markers `<!-- bench:figures:begin -->` and `<!-- bench:figures:end -->`; the rest of the page
is written by hand). Figures are informative: a MISS never fails the run.

    bench/report.py BENCH_DIR DOC
BENCH_DIR holds results.env (key=value lines written by bench/run) and the hyperfine JSON files.
"""
import json
import os
import sys

BEGIN, END = "<!-- bench:figures:begin -->", "<!-- bench:figures:end -->"


def load_env(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and "=" in line:
                k, v = line.split("=", 1)
                out[k] = v
    return out


def hyperfine(path):
    """(mean wall s, stddev, user s, system s, runs) of the only command of a hyperfine export."""
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    return r["mean"], r.get("stddev") or 0.0, r["user"], r["system"], len(r["times"])


def num(env, key):
    v = env.get(key)
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def fr(x, decimals=0):
    """1 234,5 (French grouping with a narrow no-break space, as Relais prints numbers)."""
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\u202f").replace(".", ",")


def verdict(ok):
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def main():
    bench, doc = sys.argv[1], sys.argv[2]
    env = load_env(os.path.join(bench, "results.env"))
    households = int(env.get("households", "0"))
    rows = []  # (measure, figure, floor, target, verdict)

    rate, cpu = num(env, "demo.households_per_s"), num(env, "demo.cpu_s")
    if rate:
        rows.append((f"demo generation, {fr(num(env, 'demo.households'))} households (12 landlords)",
                     f"{fr(rate)} households/s ({fr(cpu, 2)} s CPU)", "", "informative", "info"))

    # The day's call list (issue 5): BuildCallListIn end to end on SQLite, the builder alone beside.
    for key, target in (("calls", 1.0), ("calls_big", 10.0)):
        db_s = num(env, f"{key}.db_s")
        if db_s is None:
            continue
        rows.append((f"call list of the day, {fr(num(env, f'{key}.households'))} households "
                     f"({fr(num(env, f'{key}.profiles'))} profiles, {fr(num(env, f'{key}.calls'))} calls), SQLite",
                     f"{fr(db_s, 2)} s ({fr(num(env, f'{key}.db_cpu_s'), 2)} s CPU)",
                     f"builder alone {fr(num(env, f'{key}_mem.total_s') or 0, 2)} s",
                     f"< {fr(target)} s", verdict(db_s < target)))

    # Free reception slots (issue 7): 10 sites, 40 staff, the next 4 weeks, reads and rule on SQLite.
    slots_ms = num(env, "slots.db_ms")
    if slots_ms is not None:
        rows.append((f"free reception slots, {fr(num(env, 'slots.sites'))} sites, {fr(num(env, 'slots.staff'))} staff, "
                     f"{fr(num(env, 'slots.days'))} days ({fr(num(env, 'slots.db_slots'))} slots), SQLite",
                     f"{fr(slots_ms, 2)} ms median, {fr(num(env, 'slots.db_max_ms'), 2)} ms worst",
                     f"rule alone {fr(num(env, 'slots.mem_ms') or 0, 2)} ms",
                     "< 50 ms", verdict(num(env, 'slots.db_max_ms') < 50.0)))

    imp, flo = hyperfine(os.path.join(bench, "import.json")), hyperfine(os.path.join(bench, "floor.json"))
    if imp and flo:
        ratio = imp[0] / flo[0]
        rows.append((f"relais import households, {fr(households)} rows",
                     f"{fr(imp[0], 2)} s ± {fr(imp[1], 2)} ({fr(imp[2], 1)} s user, {fr(imp[3], 1)} s sys)",
                     f"sqlite3 .import {fr(flo[0], 2)} s → {fr(ratio, 1)} × floor",
                     "≤ 2 × floor", verdict(ratio <= 2.0)))
    stock = num(env, "stock_import_s")
    if stock:
        rows.append((f"relais import stock, {fr(num(env, 'dwellings'))} rows", f"{fr(stock, 2)} s (one run)", "",
                     "informative", "info"))

    static_rps = num(env, "static.rps")
    for key, name, p99_target in (("get", "GET /api/v1/households/{id}", 10.0),
                                  ("search", "GET /api/v1/households/search?q=", 20.0)):
        rps = num(env, f"{key}.rps")
        if rps is None:
            continue
        p50, p99 = num(env, f"{key}.p50_ms"), num(env, f"{key}.p99_ms")
        errors = sum(int(float(env.get(f"{key}.errors_{e}", "0"))) for e in
                     ("connect", "read", "write", "status", "timeout"))
        figure = f"{fr(rps)} req/s, p50 {fr(p50, 2)} ms, p99 {fr(p99, 2)} ms"
        if errors:
            figure += f", {fr(errors)} errors"
        if key == "get" and static_rps:
            ratio = rps / static_rps
            floor = f"nginx {fr(static_rps)} req/s (p99 {fr(num(env, 'static.p99_ms'), 2)} ms) → {fr(ratio, 2)} ×"
            ok = ratio >= 0.6 and p99 < p99_target and errors == 0
            target = f"≥ 0,6 × floor, p99 < {fr(p99_target)} ms"
        else:
            floor = ""
            ok = p99 < p99_target and errors == 0
            target = f"p99 < {fr(p99_target)} ms"
        rows.append((name, figure, floor, target, verdict(ok)))

    # The audit trail's cost (issue 4: recording reads must not halve their throughput).
    get_rps, noaudit_rps = num(env, "get.rps"), num(env, "get_noaudit.rps")
    if get_rps and noaudit_rps:
        ratio = get_rps / noaudit_rps
        rows.append(("  the same GET without the audit trail (RELAIS_AUDIT_READS=off)",
                     f"{fr(noaudit_rps)} req/s, p50 {fr(num(env, 'get_noaudit.p50_ms'), 2)} ms, "
                     f"p99 {fr(num(env, 'get_noaudit.p99_ms'), 2)} ms",
                     f"with the trail: {fr(ratio, 2)} ×", "with the trail ≥ 0,5 ×", verdict(ratio >= 0.5)))

    kinds = [(k[len("kind."):], v) for k, v in env.items() if k.startswith("kind.")]
    if kinds:
        labels = {"first_name": "first name", "last_name": "last name", "full_name": "first and last name",
                  "st_lo": "\"st lo\"", "phone_part": "8 digits of a phone", "phone_full": "whole phone"}
        for k, v in kinds:
            median, worst = (float(x) for x in v.split("/"))
            rows.append((f"  one search alone: {labels.get(k, k)}", f"median {fr(median, 1)} ms, max {fr(worst, 1)} ms",
                         "", "informative", "info"))

    rss = num(env, "rss_mb")
    if rss is not None:
        rows.append(("server RSS at rest after the load", f"{fr(rss, 1)} MB (peak {fr(num(env, 'hwm_mb'), 1)} MB)",
                     "", "< 200 MB", verdict(rss < 200)))

    header = ("measure", "figure", "floor / ratio", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(5)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    print()
    print(f"Relais benchmarks, {env.get('date', '?')} on {env.get('nproc', '?')} × {env.get('cpu', '?')}")
    print(line(header))
    for r in rows:
        print(line(r))
    print(f"load average (1 min) at each measurement: {env.get('loads', '?')}")
    print()

    md = [BEGIN,
          f"Measured {env.get('date', '?')} by `make bench` (commit `{env.get('commit', '?')}`) on "
          f"{env.get('nproc', '?')} × {env.get('cpu', '?')}, {env.get('memory', '?')} of memory, "
          f"{env.get('households', '?')} households (seed {env.get('seed', '?')}). "
          f"Load average (1 min) when each measurement started: {env.get('loads', '?')}.",
          "",
          "| measure | figure | floor / ratio | target | |",
          "|---|---|---|---|---|"]
    for r in rows:
        md.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    md.append(END)
    block = "\n".join(md)
    text = open(doc).read() if os.path.exists(doc) else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(doc, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
