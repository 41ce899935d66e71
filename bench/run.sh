#!/usr/bin/env bash
# Runs every benchmark (bench/*.sh but this one) against the build in $1.
# Benchmarks print times and ratios side by side with the alternative a user
# would pick; they assert nothing about speed.
set -u
build=$(cd "${1:-build}" && pwd)
export MDS_INFRA=$build/mds-infra BUILD_DIR=$build TOOLS_DIR=$build/tools
export SOURCE_DIR=$(cd "$(dirname "$0")/.." && pwd)
status=0
for b in "$SOURCE_DIR"/bench/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b" .sh)"
	bash "$b" || status=1
done
exit $status
