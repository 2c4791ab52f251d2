#!/usr/bin/env python3
"""bench/ps_store.py CATALOG N: copies the row of container `scale0` in the catalog (a
skiff catalog.db) N-1 times, with fresh random ids, names scale1..scale{N-1} and creation times
1 µs apart: the rows N creates would write, in seconds instead of minutes. Run it as the
catalog's owner, with no skiff command running on it. `ps -a` reads only the catalog for
created containers, so the copies need no container directory."""
import sqlite3
import sys


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    db = sqlite3.connect(path)
    cols = [r[1] for r in db.execute("PRAGMA table_info(containers)")]
    rest = [c for c in cols if c not in ("id", "name", "created")]
    base = db.execute("SELECT created FROM containers WHERE name = 'scale0'").fetchone()
    if base is None:
        sys.exit("no container named scale0 in %s" % path)
    db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO containers (id, name, created, {r}) "
        "SELECT lower(hex(randomblob(32))), 'scale' || n.i, c.created + n.i * 1000, {cr} "
        "FROM n, containers c WHERE c.name = 'scale0'".format(
            r=", ".join(rest), cr=", ".join("c." + x for x in rest)),
        (n - 1,))
    db.commit()
    print(db.execute("SELECT count(*) FROM containers").fetchone()[0], "containers")


main()
