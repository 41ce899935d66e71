#!/usr/bin/env bash
# Where an output goes when it is not a plain file: a FIFO and a character
# device are written in place (never replaced: `-o json:/dev/null` as root
# once destroyed /dev/null), a symlink is followed and its target replaced
# atomically; a directory, a full disk or a file-size limit end in exit 3
# with the old output intact and no temporary left behind.  Never run
# against the real /dev/null: a private FIFO, symlink and device node.
. "$(dirname "$0")/lib.sh"

REPORT=$FIXTURES/reports/trivy-config.json
here() { cd "$(mktemp -d -p "$TRASH")"; }	# each case in its own directory

test_case "a FIFO is written in place and stays a FIFO" <<'EOS'
here
mkfifo pipe
cat pipe >got &
reader=$!
mds gate -r "$REPORT" -o json:pipe >/dev/null || test $? = 1
wait $reader
test -p pipe
jq -e '.schema == "mds-infra/gate/v1"' got >/dev/null
EOS

test_case "a character device is written in place, not replaced" <<'EOS'
here
if [ "$(id -u)" != 0 ] || ! mknod null c 1 3 2>/dev/null; then
	echo "skipped: no mknod here"; exit 0
fi
mds gate -r "$REPORT" -o json:null -o sarif:null >/dev/null || test $? = 1
test -c null
test "$(stat -c %t:%T null)" = 1:3
EOS

test_case "a symlink is followed: the target is replaced, the link stays" <<'EOS'
here
mkdir real
echo OLD >real/verdict.json
ln -s real/verdict.json link.json
ino=$(stat -c %i real/verdict.json)
mds gate -r "$REPORT" -o json:link.json >/dev/null || test $? = 1
test -L link.json
test "$(readlink link.json)" = real/verdict.json
jq -e '.verdict' real/verdict.json >/dev/null
# replaced by rename (atomic), not rewritten in place
test "$(stat -c %i real/verdict.json)" != "$ino"
test -z "$(ls real | grep -v '^verdict.json$')"
EOS

test_case "a dangling symlink: its target is created" <<'EOS'
here
mkdir real
ln -s real/new.json link.json
mds gate -r "$REPORT" -o json:link.json >/dev/null || test $? = 1
test -L link.json
jq -e '.verdict' real/new.json >/dev/null
EOS

test_case "a symlink loop: exit 3 naming it, nothing written" <<'EOS'
here
ln -s b.json a.json
ln -s a.json b.json
must_fail 3 mds gate -r "$REPORT" -o json:a.json >out 2>err
contains err "too many levels of symbolic links"
test -z "$(ls | grep tmp)"
EOS

test_case "a directory in the way: exit 3, the other outputs untouched" <<'EOS'
here
mkdir out.json
echo OLD >out.sarif
must_fail 3 mds gate -r "$REPORT" -o sarif:out.sarif -o json:out.json >out 2>err
contains err "out.json"
test "$(cat out.sarif)" = OLD
test -z "$(ls | grep tmp)"
EOS

# full_disk CMD...: runs CMD with writes failing for lack of space: on a
# 64 KiB tmpfs filled up when mounting works here, else under a file-size
# limit of zero (SIGXFSZ ignored, so write() fails with EFBIG).
full_disk_dir() {
	mkdir -p "$1"
	if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$1" 2>/dev/null; then
		echo "$PWD/$1" >>"$TRASH/mounts"
		return 0
	fi
	return 1
}
cleanup_mounts() {
	[ -f "$TRASH/mounts" ] && while read -r m; do umount "$m"; done <"$TRASH/mounts"
	rm -f "$TRASH/mounts"
}
trap 'cleanup_mounts; rm -rf "$TRASH"' EXIT

test_case "a full disk: exit 3, the old output intact, no temporary left" <<'EOS'
here
if full_disk_dir disk; then
	echo OLD >disk/out.json
	head -c 1M /dev/zero >disk/fill 2>/dev/null || true
	must_fail 3 mds gate -r "$REPORT" -o json:disk/out.json >out 2>err
	contains err "disk/out.json"
	contains err "No space left on device"
	test "$(cat disk/out.json)" = OLD
	test "$(ls disk)" = "$(printf 'fill\nout.json')"
else
	echo OLD >out.json
	code=0
	(trap '' XFSZ; ulimit -f 0; exec "$MDS_INFRA" gate -r "$REPORT" -o json:out.json) >out 2>err || code=$?
	test "$code" = 3
	contains err "File too large"
	test "$(cat out.json)" = OLD
	test "$(ls | grep -c tmp)" = 0
fi
EOS

test_case "render on a full disk: exit 3, no file half-written" <<'EOS'
here
cp -r "$FIXTURES/stacks/basic" s
mds -C s render >/dev/null
(cd s && find terragrunt -type f -exec sha256sum {} + | sort) >before
sed -i 's/replicas: 3/replicas: 9/' s/stack.yaml
code=0
(trap '' XFSZ; ulimit -f 0; exec "$MDS_INFRA" -C s render) >out 2>err || code=$?
test "$code" = 3
(cd s && find terragrunt -type f -exec sha256sum {} + | sort) >after
test_cmp before after
test -z "$(find s -name '*.tmp*')"
EOS

test_done
