#!/usr/bin/env bash
# validate --charts: the repository's modules set only values keys their
# pinned charts have (the chart files vendored in tests/fixtures/charts),
# a wrong key is named with its module, key and .tf file:line, and version
# pins in stack.yaml that differ from a module's default need a reason.
. "$(dirname "$0")/lib.sh"

repo_copy() {
	mkdir -p "$1"
	cp "$SOURCE_DIR/stack.yaml" "$1/"
	cp -r "$SOURCE_DIR/terraform" "$SOURCE_DIR/policies" "$1/"
}

test_case "the repository's modules match the pinned charts" <<'EOS'
mds -C "$SOURCE_DIR" validate --charts tests/fixtures/charts >out 2>err || { cat out err; false; }
test_cmp /dev/null out
contains err "6 Helm releases checked against the charts"
contains err "stack.yaml is consistent"
EOS

test_case "a key the chart lacks: module, key, file:line and the chart file" <<'EOS'
repo_copy repo
sed -i 's/^      replicas          = var.replicas$/      replicas          = var.replicas\n      replicaz          = 2/' \
	repo/terraform/modules/flink-operator/main.tf
grep -q replicaz repo/terraform/modules/flink-operator/main.tf
line=$(grep -n replicaz repo/terraform/modules/flink-operator/main.tf | cut -d: -f1)
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "terraform/modules/flink-operator/main.tf:$line:7: error: module terraform/modules/flink-operator: helm_release.flink_operator sets values key 'replicaz', which chart flink-kubernetes-operator 1.15.0 does not have"
test "$(wc -l <out)" = 1
contains err "1 problem found by validate"
EOS

test_case "a schema's additionalProperties: false is the authority (cert-manager)" <<'EOS'
repo_copy repo
sed -i 's/^    replicaCount = var.replicas$/    replicaCount = var.replicas\n    installCRDz  = true/' \
	repo/terraform/modules/cert-manager/main.tf
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "sets values key 'installCRDz', which chart cert-manager v1.21.1 does not have"
contains out "values.schema.json refuses it (additionalProperties false)"
EOS

test_case "without --charts the keys are not checked; a missing chart version is a problem" <<'EOS'
repo_copy repo
sed -i 's/^      replicas          = var.replicas$/      replicas          = var.replicas\n      replicaz          = 2/' \
	repo/terraform/modules/flink-operator/main.tf
mds -C repo validate >out 2>err
test_cmp /dev/null out
mkdir charts && cp -r "$FIXTURES/charts/minio" charts/
must_fail 1 mds -C repo validate --charts "$TRASH/charts" >out 2>err
contains out "module terraform/modules/airflow: no values of chart airflow 1.16.0 under $TRASH/charts to check helm_release.airflow against"
lacks out "chart minio"
EOS

test_case "a pin that differs from the module default warns unless it says why" <<'EOS'
repo_copy repo
sed -i 's/^      executor: KubernetesExecutor$/      executor: KubernetesExecutor\n      chart_version: "1.15.0"/' repo/stack.yaml
line=$(grep -n 'chart_version: "1.15.0"' repo/stack.yaml | cut -d: -f1)
mds -C repo validate >out 2>err || { cat out err; false; }
contains out "stack.yaml:$line:22: warning: component 'airflow': chart_version \"1.15.0\" differs from the module's default \"1.16.0\" with no stated reason"
contains out "terraform/modules/airflow/variables.tf:"
contains err "is consistent"
sed -i 's/^      chart_version: "1.15.0"$/      chart_version: "1.15.0"  # pin: testing the rollback path/' repo/stack.yaml
mds -C repo validate >out 2>err
test_cmp /dev/null out
EOS

test_case "a pin equal to the default, or an env-referenced one, is not a warning" <<'EOS'
repo_copy repo
sed -i 's/^      executor: KubernetesExecutor$/      executor: KubernetesExecutor\n      chart_version: "1.16.0"/' repo/stack.yaml
mds -C repo validate >out 2>err
test_cmp /dev/null out
EOS

test_case "a version the stack pins is checked too; commented-out chart keys count" <<'EOS'
repo_copy repo
sed -i 's/^      watch_namespaces: \[flink\]$/      watch_namespaces: [flink]\n      chart_version: "1.10.0"  # pin: the rollback target/' repo/stack.yaml
grep -q '"1.10.0"' repo/stack.yaml
mds -C repo validate --charts "$FIXTURES/charts" >out 2>err || { cat out err; false; }
contains err "7 Helm releases checked against the charts"
# 1.10.0 has watchNamespaces only as a comment: without it the key is unknown
cp -r "$FIXTURES/charts" old-charts
sed -i '/^# watchNamespaces:/d' old-charts/flink-kubernetes-operator/1.10.0/values.yaml
must_fail 1 mds -C repo validate --charts "$TRASH/old-charts" >out 2>err
contains out "sets values key 'watchNamespaces', which chart flink-kubernetes-operator 1.10.0 does not have"
test "$(wc -l <out)" = 1
EOS

test_done
