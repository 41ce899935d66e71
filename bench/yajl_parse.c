/*
 * The floor for bench/gate.sh: a bare yajl parse of a file (no callbacks:
 * every byte tokenised and validated, nothing kept), read in the same
 * 256 KiB chunks as the gate.  Built by the benchmark itself.
 */
#include <stdio.h>
#include <yajl/yajl_parse.h>

int main(int argc, char **argv)
{
	static unsigned char buf[256 * 1024];
	yajl_handle h = yajl_alloc(NULL, NULL, NULL);
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	size_t n;
	int bad = !f;

	while (f && !bad && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		bad = yajl_parse(h, buf, n) != yajl_status_ok;
	bad = bad || yajl_complete_parse(h) != yajl_status_ok;
	yajl_free(h);
	if (f)
		fclose(f);
	puts(bad ? "invalid" : "ok");
	return bad;
}
