#!/usr/bin/env bash
# validate --charts compares the form of each value a module writes (a map,
# a list, a scalar, when the source shows it) with the default the pinned
# chart's values.yaml gives the same key: a list where the chart has a map,
# or a map where it has a scalar, is an error naming both places.
. "$(dirname "$0")/lib.sh"

repo_copy() {
	mkdir -p "$1"
	cp "$SOURCE_DIR/stack.yaml" "$1/"
	cp -r "$SOURCE_DIR/terraform" "$SOURCE_DIR/policies" "$1/"
}

test_case "the repository's values have the forms of the pinned charts' defaults" <<'EOS'
mds -C "$SOURCE_DIR" validate --charts tests/fixtures/charts >out 2>err || { cat out err; false; }
test_cmp /dev/null out
EOS

test_case "a map where the chart has a list (minio users)" <<'EOS'
repo_copy repo
sed -i 's/^    users    = \[\]$/    users    = {}/' repo/terraform/modules/minio/main.tf
line=$(grep -n '^    users    = {}$' repo/terraform/modules/minio/main.tf | cut -d: -f1)
test -n "$line"
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
chart_line=$(grep -n '^users:' "$FIXTURES/charts/minio/5.4.0/values.yaml" | cut -d: -f1)
contains out "terraform/modules/minio/main.tf:$line:5: error: module terraform/modules/minio: helm_release.minio gives values key 'users' a map, where chart minio 5.4.0 has a list ($FIXTURES/charts/minio/5.4.0/values.yaml:$chart_line)"
test "$(wc -l <out)" = 1
EOS

test_case "a string where the chart has a map, through a local (dremio extraVolumes)" <<'EOS'
repo_copy repo
f=repo/terraform/modules/dremio/main.tf
sed -i 's/^    extraVolumes      = concat(.*$/    extraVolumes      = local.aws_profile/' $f
grep -q '^    extraVolumes      = local.aws_profile$' $f
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "helm_release.dremio gives values key 'extraVolumes' a string, where chart dremio 2.0.0 has a list"
EOS

test_case "a scalar where the chart has a map; a conditional or a variable is not judged" <<'EOS'
repo_copy repo
f=repo/terraform/modules/minio/main.tf
sed -i 's/^    podDisruptionBudget = { enabled = var.mode == "distributed", maxUnavailable = 1 }$/    podDisruptionBudget = true/' $f
grep -q '^    podDisruptionBudget = true$' $f
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "gives values key 'podDisruptionBudget' a boolean, where chart minio 5.4.0 has a map"
repo_copy repo2
f=repo2/terraform/modules/minio/main.tf
sed -i 's/^    podDisruptionBudget = { enabled = var.mode == "distributed", maxUnavailable = 1 }$/    podDisruptionBudget = var.mode == "distributed" ? true : "x"/' $f
grep -q 'podDisruptionBudget = var.mode' $f
mds -C repo2 validate --charts "$FIXTURES/charts" >out 2>err || { cat out err; false; }
test_cmp /dev/null out
EOS

test_case "numbers and strings stand in for each other (dremio memory as a string)" <<'EOS'
repo_copy repo
f=repo/terraform/modules/dremio/main.tf
sed -i 's/^      memory     = var.coordinator.memory_mb$/      memory     = "8192"/' $f
grep -q '^      memory     = "8192"$' $f
mds -C repo validate --charts "$FIXTURES/charts" >out 2>err || { cat out err; false; }
test_cmp /dev/null out
EOS

test_case "every yamlencode(local.X) document of values is checked (airflow's second one)" <<'EOS'
repo_copy repo
f=repo/terraform/modules/airflow/main.tf
grep -q 'yamlencode(local.values), yamlencode(local.trust_values)' $f
sed -i 's/^    volumeMounts = local.trust_ca ? /    volumeMountz = local.trust_ca ? /' $f
line=$(grep -n '^    volumeMountz = ' $f | cut -d: -f1)
test -n "$line"
must_fail 1 mds -C repo validate --charts "$FIXTURES/charts" >out 2>err
contains out "terraform/modules/airflow/main.tf:$line:5: error: module terraform/modules/airflow: helm_release.airflow sets values key 'volumeMountz', which chart airflow 1.16.0 does not have"
test "$(wc -l <out)" = 1
EOS

test_done
