#!/usr/bin/env bash
# The modules' NetworkPolicies, read with HashiCorp's parser (the hcldump
# oracle): every ingress rule names its sources, and one whose sources are
# CIDRs names its ports too (a rule without ports or without sources opens
# every pod of the namespace); the webhook ports stack.yaml opens are the
# ones the pinned charts listen on.
. "$(dirname "$0")/lib.sh"

HCLDUMP=$(BUILD_DIR=$BUILD_DIR sh "$SOURCE_DIR/tests/oracle/build.sh" 2>/dev/null) ||
	skip_all "the hcldump oracle cannot be built (Go and Debian's hcl sources missing)"

# check_policies DIR: the rule above on DIR/*/*.tf; prints problems.
check_policies() {
	python3 - "$1" "$HCLDUMP" <<'PY'
import glob, json, subprocess, sys
root, hcldump = sys.argv[1], sys.argv[2]
bad = []

def rules(body, kind):
    """The bodies of `kind` blocks, static or dynamic (their content)."""
    for b in body["blocks"]:
        if b["type"] == kind:
            yield b["body"], b["line"]
        elif b["type"] == "dynamic" and b["labels"] == [kind]:
            for c in b["body"]["blocks"]:
                if c["type"] == "content":
                    yield c["body"], b["line"]

def has_ip_block(body):
    return any(True for f, _ in rules(body, "from") for _ in rules(f, "ip_block"))

for path in sorted(glob.glob(f"{root}/*/*.tf")):
    d = json.loads(subprocess.run([hcldump, path], capture_output=True, text=True).stdout)
    for res in d["blocks"]:
        if res["type"] != "resource" or res["labels"][0] != "kubernetes_network_policy":
            continue
        for spec, _ in rules(res["body"], "spec"):
            for ing, line in rules(spec, "ingress"):
                where = f"{path}:{line}: {'.'.join(res['labels'])}"
                if not list(rules(ing, "from")):
                    bad.append(f"{where}: ingress rule without sources (any source)")
                if has_ip_block(ing) and not list(rules(ing, "ports")):
                    bad.append(f"{where}: ingress from CIDRs without ports (every port)")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

test_case "every ingress rule of the modules names sources, CIDR sources name ports" <<'EOS'
check_policies "$SOURCE_DIR/terraform/modules"
EOS

test_case "the check has teeth: ports dropped, sources dropped" <<'EOS'
cp -r "$SOURCE_DIR/terraform/modules" m
python3 - m/namespaces/main.tf <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
start = s.index('resource "kubernetes_network_policy" "api_server"')
head, tail = s[:start], s[start:]
i = tail.index('        dynamic "ports" {')
j = tail.index('        }\n', tail.index('        }\n', i) + 1) + len('        }\n')
open(p, "w").write(head + tail[:i] + tail[j:])
PY
! grep -q 'for_each = ingress.value' m/namespaces/main.tf
must_fail 1 check_policies m >out
contains out "kubernetes_network_policy.api_server: ingress from CIDRs without ports (every port)"
cp -r "$SOURCE_DIR/terraform/modules" m2
sed -i '/^    ingress {$/,/^    }$/{/^      from {$/,/^      }$/d;/^      dynamic "from" {$/,/^      }$/d}' m2/namespaces/main.tf
must_fail 1 check_policies m2 >out
contains out "kubernetes_network_policy.platform: ingress rule without sources (any source)"
EOS

test_case "webhook ports in stack.yaml are the ports the pinned charts listen on" <<'EOS'
python3 - "$SOURCE_DIR/stack.yaml" "$FIXTURES/charts" <<'PY'
import sys, yaml
st = yaml.safe_load(open(sys.argv[1]))
charts = sys.argv[2]
ns = st["components"]["namespaces"]["inputs"]["namespaces"]
cm = yaml.safe_load(open(f"{charts}/cert-manager/v1.21.1/values.yaml"))
kps = yaml.safe_load(open(f"{charts}/kube-prometheus-stack/88.5.3/values.yaml"))
want = {
    "cert-manager": [cm["webhook"]["securePort"]],
    "monitoring": [kps["prometheusOperator"]["tls"]["internalPort"]],
    # templates/webhook.yaml: the service's targetPort (not in values.yaml)
    "flink-operator": [9443],
}
bad = []
for name, cfg in ns.items():
    got = cfg.get("webhook_ports", [])
    if got != want.get(name, []):
        bad.append(f"{name}: webhook_ports {got}, the chart listens on {want.get(name, [])}")
    if got and not cfg.get("api_server_access"):
        bad.append(f"{name}: webhook_ports without api_server_access")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
EOS

test_done
