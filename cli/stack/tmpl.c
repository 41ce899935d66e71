/*
 * ${...} references in stack.yaml strings.
 */
#include "stack/tmpl.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

int tmpl_is_name(const char *s, size_t len)
{
	size_t i;

	if (!len || !((s[0] >= 'a' && s[0] <= 'z') ||
		      (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static struct tmpl_seg *new_seg(struct tmpl *t, enum tmpl_seg_kind kind)
{
	struct tmpl_seg *seg;

	ALLOC_GROW(t->segs, t->nr, t->alloc);
	seg = &t->segs[t->nr++];
	memset(seg, 0, sizeof(*seg));
	seg->kind = kind;
	seg->lit = (struct buf)BUF_INIT;
	return seg;
}

static void add_lit(struct tmpl *t, const char *s, size_t n)
{
	struct tmpl_seg *seg;

	if (!n)
		return;
	if (t->nr && t->segs[t->nr - 1].kind == TMPL_LIT)
		seg = &t->segs[t->nr - 1];
	else
		seg = new_seg(t, TMPL_LIT);
	buf_add(&seg->lit, s, n);
}

/* Parses "scope.name" between ${ and }. */
static int add_ref(struct tmpl *t, const char *s, size_t n, const char **why)
{
	const char *dot = memchr(s, '.', n);
	struct tmpl_seg *seg;

	if (!dot) {
		*why = "a reference is ${env.NAME} or ${component.output}";
		return -1;
	}
	if (!tmpl_is_name(s, (size_t)(dot - s)) ||
	    !tmpl_is_name(dot + 1, n - (size_t)(dot - s) - 1)) {
		*why = "a reference is ${env.NAME} or ${component.output} (names of letters, digits, '_' and '-')";
		return -1;
	}
	seg = new_seg(t, TMPL_REF);
	seg->scope = xstrndup(s, (size_t)(dot - s));
	seg->name = xstrndup(dot + 1, n - (size_t)(dot - s) - 1);
	return 0;
}

int tmpl_parse(struct tmpl *out, const char *s, size_t len, const char **why,
	       size_t *at)
{
	size_t i = 0, start = 0;

	while (i < len) {
		const char *close;

		if (s[i] != '$' || i + 1 >= len) {
			i++;
			continue;
		}
		if (s[i + 1] == '$' && i + 2 < len && s[i + 2] == '{') {
			/* $${ is a literal ${ */
			add_lit(out, s + start, i - start);
			add_lit(out, "${", 2);
			i += 3;
			start = i;
			continue;
		}
		if (s[i + 1] != '{') {
			i++;
			continue;
		}
		add_lit(out, s + start, i - start);
		close = memchr(s + i + 2, '}', len - i - 2);
		*at = i;
		if (!close) {
			*why = "unterminated '${' (write '$${' for a literal '${')";
			return -1;
		}
		if (add_ref(out, s + i + 2, (size_t)(close - s - i - 2), why) < 0)
			return -1;
		i = (size_t)(close - s) + 1;
		start = i;
	}
	add_lit(out, s + start, len - start);
	return 0;
}

int tmpl_is_whole_ref(const struct tmpl *t)
{
	return t->nr == 1 && t->segs[0].kind == TMPL_REF;
}

void tmpl_release(struct tmpl *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++) {
		buf_release(&t->segs[i].lit);
		free(t->segs[i].scope);
		free(t->segs[i].name);
	}
	free(t->segs);
	t->segs = NULL;
	t->nr = t->alloc = 0;
}
