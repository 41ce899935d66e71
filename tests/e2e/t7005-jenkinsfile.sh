#!/usr/bin/env bash
# jenkins/Jenkinsfile: Debian's Groovy parses it (syntax only: no Jenkins,
# no plugins, so step names and their arguments are not checked), every
# mds-infra command it runs exists with those flags in the built binary,
# the configuration files it relies on exist, and no secret is echoed or
# interpolated by Groovy.
. "$(dirname "$0")/lib.sh"

JF=$SOURCE_DIR/jenkins/Jenkinsfile

# Groovy needs a JVM; Debian's groovy looks for /usr/lib/jvm/default-java.
if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null; then
	JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
	export JAVA_HOME
fi

parse() {
	groovy -e 'new GroovyShell().parse(new File(args[0])); println "parsed"' "$1"
}

# The command lines of mds()/mdsStatus()/mdsOutput() calls, with the
# Groovy interpolations replaced by typical values; an interpolation this
# table does not know fails the test (update both together).
commands() {
	python3 - "$1" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
outputs = re.search(r"def outputs = '([^']*)' \+\s*'([^']*)'", src)
values = {
    "env.ENV": "dev", "params.BASE": "HEAD", "comps": "-c minio",
    "reports": "--report reports/trivy-terraform.json",
    "sonar": "--sonar .scannerwork/report-task.txt",
    "outputs": outputs.group(1) + outputs.group(2),
    "gate": "--gate reports/gate.json",
}
for m in re.finditer(r"\bmds(?:Status|Output)?\(\s*(['\"])(.*?)\1\s*\)", src):
    def sub(v):
        if v.group(1) not in values:
            sys.exit("unknown interpolation ${%s} in: %s" % (v.group(1), m.group(2)))
        return values[v.group(1)]
    print(re.sub(r"\$\{([^}]*)\}", sub, m.group(2)))
PY
}

# check_command ARGS: the binary's option tables accept ARGS (each flag
# and its value); `--help` last stops before anything runs.
check_command() {
	# shellcheck disable=SC2086
	"$MDS_INFRA" $1 --help >/dev/null 2>"$TRASH/check.err"
}

test_case "Groovy parses the Jenkinsfile" <<'EOS'
command -v groovy >/dev/null
parse "$JF" >out 2>&1 || { cat out >&2; false; }
contains out parsed
EOS

test_case "a syntax error is caught (the parse is not a no-op)" <<'EOS'
head -n -1 "$JF" >broken.groovy		# the last closing brace gone
never parse broken.groovy >out 2>&1
contains out "startup failed"
EOS

test_case "every mds-infra command and flag exists in the binary" <<'EOS'
commands "$JF" >cmds
test "$(wc -l <cmds)" -ge 12
for c in render validate "docs --check" "changed --base" "plan dev -c minio" "bundle dev" \
	"apply prod --bundle" "apply dev --bundle" "gate --env prod" doctor; do
	grep -q "^$c" cmds || { echo "no '$c' in: $(cat cmds)" >&2; false; }
done
while read -r line; do
	check_command "$line" || { echo "refused: mds-infra $line" >&2; cat check.err >&2; false; }
done <cmds
EOS

test_case "the check refuses an unknown flag or command (not a no-op)" <<'EOS'
never check_command "plan dev --no-such-flag"
contains check.err "no-such-flag"
never check_command "bundel dev"
never check_command "gate --sonar"
EOS

test_case "the pipeline's shape: timeouts, locks, approval outside an agent, archives" <<'EOS'
contains "$JF" "agent none"
contains "$JF" "disableConcurrentBuilds()"
contains "$JF" "timeout(time: 3, unit: 'HOURS')"
contains "$JF" 'lock(resource: "mds-infra-${env.ENV}")'
contains "$JF" "lock(resource: 'mds-infra-prod')"
contains "$JF" "id 'ApproveProd'"
# the approval stage has no agent
awk "/stage\('Approve prod'\)/,/steps/" "$JF" >approve
contains approve "agent none"
contains approve "input {"
contains "$JF" "junit allowEmptyResults: true, testResults: 'reports/gate.xml'"
contains "$JF" "recordIssues"
contains "$JF" "plan.json"
contains "$JF" "plan.md"
contains "$JF" 'bundles/${env.ENV}.tar.gz'
EOS

test_case "the configuration files it uses exist" <<'EOS'
contains "$JF" ".checkov.yaml"
contains "$JF" "trivy.yaml"
contains "$JF" "sonar-project.properties"
contains "$JF" ".pre-commit-config.yaml"
test -f "$SOURCE_DIR/.pre-commit-config.yaml"
test -f "$SOURCE_DIR/.checkov.yaml"
test -f "$SOURCE_DIR/trivy.yaml"
grep -q '^sonar.projectKey=' "$SOURCE_DIR/sonar-project.properties"
python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' \
	"$SOURCE_DIR/.checkov.yaml" "$SOURCE_DIR/trivy.yaml" \
	"$SOURCE_DIR/.pre-commit-config.yaml" "$SOURCE_DIR/.pre-commit-hooks.yaml"
EOS

test_case "credentials only through withCredentials, never echoed or interpolated" <<'EOS'
for v in AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY SONAR_TOKEN KUBECONFIG; do
	# a Groovy "..." string naming the secret would interpolate it
	never grep -nE "\"[^\"]*\\\$\{?$v" "$JF"
	never grep -nE "echo[^\n]*$v" "$JF"
done
contains "$JF" "withCredentials"
contains "$JF" "credentialsId: 'sonarqube-token'"
EOS

test_case "plan's exit codes are read as the binary defines them" <<'EOS'
# the code of "changes present" from help's exit-code list, not from memory
changes=$("$MDS_INFRA" help | awk '/--detailed-exitcode: changes present/ { print $1; exit }')
test -n "$changes"
test "$changes" != 2	# 2 is a usage error
grep -q "status != 0 && status != $changes)" "$JF"
! grep -q 'status != 2)' "$JF"
EOS

test_case "a scanner that did not run fails the gate unless the build allows it" <<'EOS'
contains "$JF" "booleanParam(name: 'ALLOW_MISSING_SCANNERS', defaultValue: false"
contains "$JF" "['checkov', 'trivy'].each { tool ->"
contains "$JF" 'error("no ${tool} report'
EOS

test_done
