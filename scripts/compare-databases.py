#!/usr/bin/env python3
"""The main API scenarios on one Basalt node on SQLite next to one on PostgreSQL, measured with wrk.

A stop-gap until the bench/ module (issue 6): it starts the jar on each database in turn, seeds
1,000 records of a public collection, disables rate limits, and runs each scenario for 10 s with
wrk (2 threads, 16 connections) after a 5 s warm-up, printing requests/s, p50, p99 and errors.

    python3 scripts/compare-databases.py --jar server/target/basalt.jar \\
        --postgres postgres://basalt:change-me@127.0.0.1:5432/basalt_bench

Needs wrk (apt-get install wrk) and an empty PostgreSQL database. Targets 127.0.0.1 only.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

EMAIL, PASSWORD = "bench@example.com", "bench-password-1"


def call(method, url, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = token
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers)) as r:
        return json.loads(r.read() or b"{}")


def start(java, jar, workdir, db_url):
    data = os.path.join(workdir, "postgres" if db_url else "sqlite")
    args = ["--dir", data] + (["--db", db_url] if db_url else [])
    subprocess.run([java, "-jar", jar, "superuser", "upsert", EMAIL, PASSWORD] + args, check=True, capture_output=True)
    log_path = data + ".log"
    log = open(log_path, "w")
    node = subprocess.Popen([java, "-jar", jar, "serve", "--http", "127.0.0.1:0"] + args
                            + (["--storage-shared"] if db_url else []), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        found = re.search(r"Server started at (\S+)", open(log_path).read())
        if found:
            return node, found.group(1)
    node.kill()
    raise SystemExit(f"the server did not start; see {log_path}")


def wrk(url, script=None, headers=(), seconds=10):
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1),
        "errors": int(errors.group(1)) if errors else 0,
    }


def lua(workdir, name, body):
    path = os.path.join(workdir, name + ".lua")
    with open(path, "w") as f:
        f.write(body)
    return path


def scenarios(base, token, ids, workdir):
    create = lua(workdir, "create", 'wrk.method = "POST"\nwrk.body = \'{"title":"bench","views":1,"published":true}\'\n'
                 'wrk.headers["Content-Type"] = "application/json"\n')
    increment = lua(workdir, "increment", 'wrk.method = "PATCH"\nwrk.body = \'{"views+":1}\'\n'
                    'wrk.headers["Content-Type"] = "application/json"\n')
    refresh = lua(workdir, "refresh", 'wrk.method = "POST"\n')
    records = base + "/api/collections/posts/records"
    filtered = records + "?perPage=30&sort=-views&filter=" + urllib.parse.quote("views > 50 && published = true")
    return [
        ("list perPage=30", records + "?perPage=30", None, ()),
        ("list filter + sort", filtered, None, ()),
        ("view one", f"{records}/{ids[500]}", None, ()),
        ("create", records, create, ()),
        ("update views+ (one row)", f"{records}/{ids[10]}", increment, ()),
        ("auth-refresh", base + "/api/collections/_superusers/auth-refresh", refresh, (f"Authorization: {token}",)),
    ]


def measure(java, jar, workdir, db_url):
    node, base = start(java, jar, workdir, db_url)
    try:
        token = call("POST", base + "/api/collections/_superusers/auth-with-password",
                     {"identity": EMAIL, "password": PASSWORD})["token"]
        call("PATCH", base + "/api/settings", {"rateLimits": {"enabled": False}}, token)
        call("POST", base + "/api/collections", {
            "name": "posts", "type": "base", "listRule": "", "viewRule": "", "createRule": "", "updateRule": "",
            "fields": [{"name": "title", "type": "text"}, {"name": "views", "type": "number"},
                       {"name": "published", "type": "bool"}]}, token)
        ids = [call("POST", base + "/api/collections/posts/records",
                    {"title": f"post {i}", "views": i % 100, "published": i % 2 == 0}, token)["id"] for i in range(1000)]
        wrk(base + "/api/collections/posts/records?perPage=30", seconds=5)
        return {name: wrk(url, script, headers) for name, url, script, headers in scenarios(base, token, ids, workdir)}
    finally:
        node.terminate()
        node.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default="server/target/basalt.jar")
    parser.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"))
    parser.add_argument("--postgres", required=True, help="URL of an empty PostgreSQL database")
    a = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="basalt-compare-")
    try:
        sqlite = measure(a.java, a.jar, workdir, "")
        postgres = measure(a.java, a.jar, workdir, a.postgres)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("| scenario | SQLite req/s | p50 | p99 | PostgreSQL req/s | p50 | p99 | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, s in sqlite.items():
        p = postgres[name]
        print(f"| {name} | {s['rps']:,.0f} | {s['p50']} | {s['p99']} | {p['rps']:,.0f} | {p['p50']} | {p['p99']} "
              f"| {s['errors'] + p['errors']} |")


if __name__ == "__main__":
    main()
