#!/usr/bin/python3
"""A fake SonarQube Web API for the gate's tests (stdlib only).

Follows contracts/SONARQUBE_OUTPUTS_POLICY.md section 1: Basic auth with the
token as user and an empty password; api/ce/task (PENDING for --pending
polls, then --task-status); api/qualitygates/project_status (exactly one of
analysisId / projectKey); api/issues/search and api/hotspots/search with
p/ps paging (ps <= 500, p*ps <= 10000, else 400 as SonarQube answers:
the cap holds however many issues there are, so a client must split its
query); issues/search filters by severities, createdAfter (inclusive) and
createdBefore (exclusive) and sorts by s=CREATION_DATE&asc=.  Issue i is
created at BASE + i minutes (--per-second N puts N issues in each second),
with legacy severity i mod --severity-spread.
Every request is appended to --log as "METHOD PATH?QUERY auth=yes|no".
"""
import argparse
import base64
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from datetime import datetime, timezone
from urllib.parse import parse_qs, urlsplit

LEGACY = ["BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO"]
IMPACT = ["BLOCKER", "HIGH", "MEDIUM", "LOW", "INFO"]
PROBABILITY = ["HIGH", "MEDIUM", "LOW"]


BASE = 1700000000  # 2023-11-14T22:13:20Z


def created(i, opts):
    if opts.per_second:
        return BASE + i // opts.per_second
    return BASE + 60 * i


def stamp(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def parse_stamp(s):
    return int(datetime.strptime(s, "%Y-%m-%dT%H:%M:%S%z").timestamp())


def issue(i, project, opts=None):
    return {"key": "I-%d" % i, "rule": "python:S%d" % (1000 + i % 7),
            "component": "%s:src/mod%d.py" % (project, i % 13),
            "project": project, "line": 1 + i % 50,
            "message": "issue number %d" % i,
            "severity": LEGACY[i % opts.severity_spread], "type": "CODE_SMELL",
            "impacts": [{"softwareQuality": "MAINTAINABILITY",
                         "severity": IMPACT[i % opts.severity_spread]}],
            "creationDate": stamp(created(i, opts)),
            "issueStatus": "OPEN"}


def hotspot(i, project, opts=None):
    return {"key": "H-%d" % i, "component": "%s:src/hot%d.py" % (project, i),
            "project": project, "securityCategory": "weak-cryptography",
            "vulnerabilityProbability": PROBABILITY[i % 3],
            "status": "TO_REVIEW", "line": 3 + i, "message": "hotspot %d" % i,
            "ruleKey": "python:S4790"}


class Handler(BaseHTTPRequestHandler):
    server_version = "FakeSonarQube/10.7"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, doc):
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, msg):
        self.reply(status, {"errors": [{"msg": msg}]})

    def authorised(self):
        opts = self.server.opts
        if not opts.token:
            return True
        want = "Basic " + base64.b64encode((opts.token + ":").encode()).decode()
        return self.headers.get("Authorization") == want

    def do_GET(self):
        opts = self.server.opts
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        with self.server.lock:
            with open(opts.log, "a") as f:
                f.write("GET %s auth=%s\n" % (self.path,
                        "yes" if self.headers.get("Authorization") else "no"))
        if not self.authorised():
            return self.error(401, "Authentication required")
        route = {
            "/api/ce/task": self.ce_task,
            "/api/qualitygates/project_status": self.project_status,
            "/api/issues/search": self.issues,
            "/api/hotspots/search": self.hotspots,
        }.get(url.path)
        if not route:
            return self.error(404, "Unknown url : %s" % url.path)
        route(q)

    def ce_task(self, q):
        opts = self.server.opts
        with self.server.lock:
            n = self.server.polls.get(q.get("id"), 0)
            self.server.polls[q.get("id")] = n + 1
        if q.get("id") != opts.task_id:
            return self.error(404, "No activity found for task '%s'" % q.get("id"))
        task = {"id": opts.task_id, "type": "REPORT", "componentKey": opts.project}
        if n < opts.pending:
            task["status"] = "PENDING" if n == 0 else "IN_PROGRESS"
        else:
            task["status"] = opts.task_status
            if opts.task_status == "SUCCESS":
                task["analysisId"] = "AN-42"
        self.reply(200, {"task": task})

    def project_status(self, q):
        opts = self.server.opts
        keys = [k for k in ("analysisId", "projectKey", "projectId") if k in q]
        if len(keys) != 1:
            return self.error(400, "Either 'analysisId', 'projectId' or "
                              "'projectKey' must be provided")
        if q.get("projectKey", opts.project) != opts.project:
            return self.error(404, "Project '%s' not found" % q["projectKey"])
        cond = {"status": "OK" if opts.gate == "OK" else "ERROR",
                "metricKey": "new_coverage", "comparator": "LT",
                "errorThreshold": "80",
                "actualValue": "91.0" if opts.gate == "OK" else "55.5"}
        self.reply(200, {"projectStatus": {"status": opts.gate,
                                           "conditions": [cond],
                                           "ignoredConditions": False}})

    def matching(self, q, total):
        """Indices of the issues the filters keep, in the order asked."""
        opts = self.server.opts
        sevs = q["severities"].split(",") if "severities" in q else None
        after = parse_stamp(q["createdAfter"]) if "createdAfter" in q else None
        before = parse_stamp(q["createdBefore"]) if "createdBefore" in q else None
        keep = [i for i in range(total)
                if (sevs is None or LEGACY[i % opts.severity_spread] in sevs)
                and (after is None or created(i, opts) >= after)
                and (before is None or created(i, opts) < before)]
        if q.get("s") == "CREATION_DATE" and q.get("asc") == "false":
            keep.reverse()
        return keep

    def page(self, q, key_param, total, make, list_name):
        opts = self.server.opts
        if q.get(key_param) != opts.project:
            return self.error(404, "Component key '%s' not found" % q.get(key_param))
        p, ps = int(q.get("p", 1)), int(q.get("ps", 100))
        if ps > 500:
            return self.error(400, "'ps' value (%d) must be less than 500" % ps)
        if p * ps > 10000:
            return self.error(400, "Can return only the first 10000 results. "
                              "%dth result asked." % (p * ps))
        keep = self.matching(q, total) if list_name == "issues" else list(range(total))
        total = len(keep)
        items = [make(i, opts.project, opts) for i in keep[(p - 1) * ps:p * ps]]
        if opts.short_page == p and items:
            items.pop()         # a page that lost one result, total unchanged
        # A file's key is "<projectKey>:<path>"; project keys may hold ':'.
        comps = [{"key": it["component"], "qualifier": "FIL",
                  "path": it["component"][len(opts.project) + 1:]} for it in items]
        self.reply(200, {"paging": {"pageIndex": p, "pageSize": ps, "total": total},
                         list_name: items, "components": comps})

    def issues(self, q):
        if q.get("resolved") != "false":
            return self.error(400, "the gate must ask for unresolved issues")
        opts = self.server.opts
        with self.server.lock:
            self.server.searches += 1
            grown = opts.grow_after and self.server.searches > opts.grow_after
        self.page(q, "components", opts.issues + (1 if grown else 0), issue, "issues")

    def hotspots(self, q):
        self.page(q, "project", self.server.opts.hotspots, hotspot, "hotspots")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--token")
    ap.add_argument("--project", default="mds:platform")
    ap.add_argument("--task-id", default="AZ-task-1")
    ap.add_argument("--task-status", default="SUCCESS")
    ap.add_argument("--pending", type=int, default=0)
    ap.add_argument("--gate", default="OK")
    ap.add_argument("--issues", type=int, default=0)
    ap.add_argument("--hotspots", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=60)
    ap.add_argument("--severity-spread", type=int, default=5, choices=range(1, 6))
    ap.add_argument("--per-second", type=int, default=0)
    ap.add_argument("--short-page", type=int, default=0,
                    help="this page of every search holds one result too few")
    ap.add_argument("--grow-after", type=int, default=0,
                    help="one more issue after this many issue searches")
    opts = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.opts, srv.lock, srv.polls, srv.searches = opts, threading.Lock(), {}, 0
    threading.Timer(opts.lifetime, srv.shutdown).start()
    tmp = opts.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, opts.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
