# Shared setup of the plan/apply end-to-end tests (t3*-plan-*, t3*-apply-*),
# sourced after lib.sh: a git repository with the small stack of
# tests/fixtures/planstack rendered and committed, and the fake terragrunt
# (tests/fake/terragrunt) with its per-component behaviour in $FAKE_TG_DIR
# and its call log in $FAKE_TG_LOG.

# plan_repo DIR: a fresh repository in DIR with the stack rendered.
plan_repo() {
	mkdir -p "$1"
	cp -r "$FIXTURES/planstack/." "$1/"
	(
		cd "$1" &&
		printf '/.mds/\n' >.gitignore &&
		git init -q &&
		"$MDS_INFRA" render >/dev/null 2>&1 &&
		git add -A &&
		git -c user.email=t@example.com -c user.name=t commit -qm init
	)
}

export FAKE_TG_DIR=$TRASH/fx
export FAKE_TG_LOG=$TRASH/calls.log
export MDS_TERRAGRUNT=$SOURCE_DIR/tests/fake/terragrunt
mkdir -p "$FAKE_TG_DIR"

# fx COMP KIND VALUE: per-component behaviour of the fake (see its header).
fx() {
	printf '%s\n' "$3" >"$FAKE_TG_DIR/$1.$2"
}

# fx_plan COMP FIXTURE: show -json serves tests/fixtures/plans/FIXTURE.
fx_plan() {
	cp "$FIXTURES/plans/$2" "$FAKE_TG_DIR/$1.json"
}

# max_parallel: the most components the fake ran at once (from the log).
max_parallel() {
	awk '$1 == "start" { n++; if (n > m) m = n } $1 == "end" || $1 == "interrupted" { n-- } END { print m + 0 }' "$FAKE_TG_LOG"
}

# line_of EVENT COMP VERB: line number of that event in the log (0 if none).
line_of() {
	awk -v e="$1" -v c="$2" -v v="$3" '$1 == e && $2 == c && $3 == v { print NR; found = 1; exit } END { if (!found) print 0 }' "$FAKE_TG_LOG"
}

# before A_COMP B_COMP: A's show ended before B's plan started.
before() {
	local a b
	a=$(line_of end "$1" show)
	b=$(line_of start "$2" plan)
	if [ "$a" = 0 ] || [ "$b" = 0 ] || [ "$a" -ge "$b" ]; then
		echo "error: '$1' (show ended at line $a) not before '$2' (plan started at line $b)" >&2
		cat "$FAKE_TG_LOG" >&2
		return 1
	fi
}

# pj FILTER: jq on the last plan.json of dev (or $PJ).
pj() {
	jq -r "$1" "${PJ:-repo/.mds/plans/dev/plan.json}"
}
