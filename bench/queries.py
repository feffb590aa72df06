#!/usr/bin/env python3
"""Search queries for the wrk search benchmark, drawn from the served database, as call agents
type them: a first name, a last name without accents, first and last name, "st lo", a partial or
whole phone number. Writes OUT (one URL-encoded query a line, for wrk) and OUT.kinds (the kind, a
tab and the query, for the latency of each kind).

    bench/queries.py DB ORGANISATION_ID OUT [COUNT] [SEED]
"""
import random
import sqlite3
import sys
import unicodedata
import urllib.parse

# Share of each kind in the mix (per cent).
MIX = [
    ("first_name", 25),   # "helene", "Hélène"
    ("last_name", 30),    # "lefevre" (typed without accents)
    ("full_name", 20),    # "helene lefevre"
    ("st_lo", 5),         # the brief's example: "st lo" (saint + lo...: short, frequent prefixes)
    ("phone_part", 15),   # "06 39 98 20" (the first 8 digits, as read aloud)
    ("phone_full", 5),    # "06 39 98 20 17"
]


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower().replace("œ", "oe").replace("æ", "ae")


def grouped(number, digits):
    d = number[:digits]
    return " ".join(d[i:i + 2] for i in range(0, len(d), 2))


def main():
    db, org, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    people = con.execute(
        "SELECT first_name, last_name FROM members WHERE organisation_id = ? ORDER BY id", (org,)).fetchall()
    phones = [r[0] for r in con.execute(
        "SELECT number FROM phones WHERE organisation_id = ? ORDER BY household_id, position", (org,))]
    con.close()
    if not people or not phones:
        sys.exit("queries.py: no members or phones for organisation %d in %s" % (org, db))
    kinds = [k for k, share in MIX for _ in range(share)]
    queries = []
    for _ in range(count):
        kind = rng.choice(kinds)
        first, last = rng.choice(people)
        if kind == "first_name":
            q = first if rng.random() < 0.5 else fold(first)
        elif kind == "last_name":
            q = fold(last)
        elif kind == "full_name":
            q = fold(first) + " " + fold(last)
        elif kind == "st_lo":
            q = "st lo"
        elif kind == "phone_part":
            q = grouped(rng.choice(phones), 8)
        else:
            q = grouped(rng.choice(phones), 10)
        queries.append((kind, urllib.parse.quote(q, safe="")))
    with open(out, "w") as f:
        f.write("\n".join(q for _, q in queries) + "\n")
    with open(out + ".kinds", "w") as f:
        f.write("\n".join(k + "\t" + q for k, q in queries) + "\n")


if __name__ == "__main__":
    main()
