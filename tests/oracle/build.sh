#!/bin/sh
# Builds the hcldump oracle into DIR (default: $BUILD_DIR/tools) unless it
# is already there and newer than its source; prints the binary's path.
# Offline, from Debian's Go sources, exactly as the Makefile builds hclfmt.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${BUILD_DIR:?usage: build.sh DIR}/tools}
mkdir -p "$dir" "$dir/../gocache"
out=$dir/hcldump
if [ ! -x "$out" ] || [ "$here/hcldump.go" -nt "$out" ]; then
	GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= \
	GOCACHE=$(cd "$dir/.." && pwd)/gocache \
		go build -o "$out.tmp.$$" "$here/hcldump.go"
	mv "$out.tmp.$$" "$out"
fi
echo "$out"
