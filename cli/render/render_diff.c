/*
 * Unified diffs of two texts (LCS over lines, 3 lines of context), in the
 * format `diff -u` and git print, so that `render --check` output can be
 * read by people and applied by `git apply`.
 */
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/xalloc.h"

struct lines {
	const char **p;
	size_t *len;
	size_t nr;
	int no_eol;	/* the last line has no newline */
};

struct op {
	char t;		/* '=', '-', '+' */
	size_t a, b;	/* positions in old and new before the op */
};

static void split(struct lines *l, const char *s, size_t len)
{
	size_t i = 0, alloc = 0, alloc2 = 0;

	memset(l, 0, sizeof(*l));
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) - i : len - i;

		ALLOC_GROW(l->p, l->nr, alloc);
		ALLOC_GROW(l->len, l->nr, alloc2);
		l->p[l->nr] = s + i;
		l->len[l->nr++] = n;
		l->no_eol = !nl;
		i += n + 1;
	}
}

static int same(const struct lines *a, size_t i, const struct lines *b,
		size_t j)
{
	int eol_a = !(i + 1 == a->nr && a->no_eol);
	int eol_b = !(j + 1 == b->nr && b->no_eol);

	return a->len[i] == b->len[j] && eol_a == eol_b &&
		!memcmp(a->p[i], b->p[j], a->len[i]);
}

/* The edit script from an LCS table (suffix lengths). */
static struct op *edit_script(const struct lines *a, const struct lines *b,
			      size_t *nr)
{
	size_t n = a->nr, m = b->nr, i, j, k = 0;
	unsigned *t = xcalloc((n + 1) * (m + 1), sizeof(*t));
	struct op *ops = xcalloc(n + m + 1, sizeof(*ops));

#define T(x, y) t[(x) * (m + 1) + (y)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			T(i, j) = same(a, i, b, j) ? T(i + 1, j + 1) + 1 :
				T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
	i = j = 0;
	while (i < n || j < m) {
		ops[k].a = i;
		ops[k].b = j;
		if (i < n && j < m && same(a, i, b, j))
			ops[k].t = '=', i++, j++;
		else if (j >= m || (i < n && T(i + 1, j) >= T(i, j + 1)))
			ops[k].t = '-', i++;
		else
			ops[k].t = '+', j++;
		k++;
	}
#undef T
	free(t);
	*nr = k;
	return ops;
}

static void hunk(struct buf *out, const struct lines *a, const struct lines *b,
		 const struct op *ops, size_t s, size_t e)
{
	size_t i, na = 0, nb = 0;

	for (i = s; i < e; i++) {
		na += ops[i].t != '+';
		nb += ops[i].t != '-';
	}
	buf_addf(out, "@@ -%zu", na ? ops[s].a + 1 : ops[s].a);
	if (na != 1)
		buf_addf(out, ",%zu", na);
	buf_addf(out, " +%zu", nb ? ops[s].b + 1 : ops[s].b);
	if (nb != 1)
		buf_addf(out, ",%zu", nb);
	buf_addstr(out, " @@\n");
	for (i = s; i < e; i++) {
		const struct lines *l = ops[i].t == '+' ? b : a;
		size_t at = ops[i].t == '+' ? ops[i].b : ops[i].a;

		buf_addch(out, ops[i].t == '=' ? ' ' : ops[i].t);
		buf_add(out, l->p[at], l->len[at]);
		buf_addch(out, '\n');
		if (at + 1 == l->nr && l->no_eol)
			buf_addstr(out, "\\ No newline at end of file\n");
	}
}

static size_t hunk_end(const struct op *ops, size_t nr, size_t k)
{
	size_t last = k, j = k + 1, r;

	while (j < nr) {
		if (ops[j].t != '=') {
			last = j++;
			continue;
		}
		for (r = j; r < nr && ops[r].t == '='; r++)
			;
		if (r < nr && r - j <= 6) {
			j = r;
			continue;
		}
		break;
	}
	return last + 4 < nr ? last + 4 : nr;
}

void render_udiff(struct buf *out, const char *path, const char *old,
		  size_t old_len, const char *new, size_t new_len)
{
	struct lines a, b;
	struct op *ops;
	size_t nr, k = 0, floor = 0;

	split(&a, old ? old : "", old ? old_len : 0);
	split(&b, new ? new : "", new ? new_len : 0);
	ops = edit_script(&a, &b, &nr);
	buf_addf(out, "--- %s%s\n+++ %s%s\n", old ? "a/" : "",
		 old ? path : "/dev/null", new ? "b/" : "", new ? path : "/dev/null");
	while (k < nr) {
		size_t s, e;

		if (ops[k].t == '=') {
			k++;
			continue;
		}
		s = k >= floor + 3 ? k - 3 : floor;
		e = hunk_end(ops, nr, k);
		hunk(out, &a, &b, ops, s, e);
		k = floor = e;
	}
	free(ops);
	free(a.p);
	free(a.len);
	free(b.p);
	free(b.len);
}
