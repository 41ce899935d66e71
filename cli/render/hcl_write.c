/*
 * hclfmt's layout, reproduced: lines are collected as hclwrite/format.go
 * splits them (indent, lead cell, assign cell) and the `=` of consecutive
 * lines that have an assign cell are aligned one column past the widest
 * lead, with widths counted in characters as hclfmt counts grapheme
 * clusters (combining marks and joiners add no width).
 */
#include "render/hcl.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void add_line(struct hclw_writer *w, int indent, char *lead,
		     char *assign)
{
	ALLOC_GROW(w->lines, w->nr, w->alloc);
	w->lines[w->nr].indent = indent;
	w->lines[w->nr].lead = lead;
	w->lines[w->nr].assign = assign;
	w->nr++;
}

void hclw_comment(struct hclw_writer *w, const char *text)
{
	add_line(w, w->depth, xasprintf("# %s", text), NULL);
}

void hclw_blank(struct hclw_writer *w)
{
	add_line(w, 0, xstrdup(""), NULL);
}

void hclw_block_open(struct hclw_writer *w, const char *type,
		    const char *const *labels)
{
	struct buf b = BUF_INIT;

	buf_addstr(&b, type);
	for (; labels && *labels; labels++) {
		buf_addstr(&b, " \"");
		hclw_escape(&b, *labels, strlen(*labels));
		buf_addch(&b, '"');
	}
	buf_addstr(&b, " {");
	add_line(w, w->depth++, buf_detach(&b, NULL), NULL);
}

void hclw_block_close(struct hclw_writer *w)
{
	add_line(w, --w->depth, xstrdup("}"), NULL);
}

static int is_scalar(const struct hclw_value *v)
{
	return v->kind != HCLW_LIST && v->kind != HCLW_OBJECT;
}

/* One line is enough: scalars, empty collections, lists of scalars. */
static int is_inline(const struct hclw_value *v)
{
	size_t i;

	if (is_scalar(v) || v->nr == 0)
		return 1;
	if (v->kind == HCLW_OBJECT)
		return 0;
	for (i = 0; i < v->nr; i++)
		if (!is_scalar(v->items[i]))
			return 0;
	return 1;
}

static void write_inline(struct buf *b, const struct hclw_value *v)
{
	size_t i;

	switch (v->kind) {
	case HCLW_NULL:
		buf_addstr(b, "null");
		break;
	case HCLW_STRING:
		buf_addch(b, '"');
		hclw_escape(b, v->text, v->len);
		buf_addch(b, '"');
		break;
	case HCLW_TEMPLATE:
		buf_addch(b, '"');
		buf_add(b, v->text, v->len);
		buf_addch(b, '"');
		break;
	case HCLW_LIST:
		buf_addch(b, '[');
		for (i = 0; i < v->nr; i++) {
			if (i)
				buf_addstr(b, ", ");
			write_inline(b, v->items[i]);
		}
		buf_addch(b, ']');
		break;
	case HCLW_OBJECT:
		buf_addstr(b, "{}");
		break;
	default:
		buf_add(b, v->text, v->len);
		break;
	}
}

static char *key_text(const char *key)
{
	struct buf b = BUF_INIT;

	if (hclw_is_ident(key))
		return xstrdup(key);
	buf_addch(&b, '"');
	hclw_escape(&b, key, strlen(key));
	buf_addch(&b, '"');
	return buf_detach(&b, NULL);
}

static void write_items(struct hclw_writer *w, const struct hclw_value *v);

/* A collection spread over lines: `open` ... items ... `close`. */
static void write_multiline(struct hclw_writer *w, char *open_line,
			    const struct hclw_value *v, const char *close)
{
	add_line(w, w->depth++, open_line, NULL);
	write_items(w, v);
	add_line(w, --w->depth, xstrdup(close), NULL);
}

static void write_items(struct hclw_writer *w, const struct hclw_value *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++) {
		const struct hclw_value *it = v->items[i];

		if (v->kind == HCLW_OBJECT) {
			hclw_attr(w, v->keys[i], it);
		} else if (is_inline(it)) {
			struct buf b = BUF_INIT;

			write_inline(&b, it);
			buf_addch(&b, ',');
			add_line(w, w->depth, buf_detach(&b, NULL), NULL);
		} else {
			write_multiline(w, xstrdup(it->kind == HCLW_LIST ? "[" : "{"),
					it, it->kind == HCLW_LIST ? "]," : "},");
		}
	}
}

void hclw_attr(struct hclw_writer *w, const char *name,
	      const struct hclw_value *v)
{
	char *key = key_text(name);
	struct buf b = BUF_INIT;

	if (is_inline(v)) {
		buf_addstr(&b, "= ");
		write_inline(&b, v);
		add_line(w, w->depth, key, buf_detach(&b, NULL));
		return;
	}
	buf_addf(&b, "%s = %c", key, v->kind == HCLW_LIST ? '[' : '{');
	free(key);
	write_multiline(w, buf_detach(&b, NULL), v,
			v->kind == HCLW_LIST ? "]" : "}");
}

void hclw_attr_heredoc(struct hclw_writer *w, const char *name,
		      const char *marker, const char *body)
{
	struct buf b = BUF_INIT;
	const char *p = body;

	buf_addf(&b, "= <<-%s\n", marker);
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n)
			buf_addf(&b, "%*s%.*s", (w->depth + 1) * 2, "", (int)n, p);
		buf_addch(&b, '\n');
		p += n + (p[n] == '\n');
	}
	buf_addf(&b, "%*s%s", w->depth * 2, "", marker);
	add_line(w, w->depth, key_text(name), buf_detach(&b, NULL));
}

/* Width as hclfmt counts it: one column per grapheme cluster (roughly). */
static size_t text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0;
	int join = 0;

	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
			(*p & 0xf0) == 0xe0 ? 3 : 4;
		unsigned long cp = n == 1 ? *p : n == 2 ? *p & 0x1f :
			n == 3 ? *p & 0x0f : *p & 0x07;
		size_t i;

		for (i = 1; i < n && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3f);
		p += i;
		if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
		    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
		    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
		    (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0100 && cp <= 0xe01ef)) {
			continue;
		}
		if (cp == 0x200d) {
			join = 1;
			continue;
		}
		if (!join)
			width++;
		join = 0;
	}
	return width;
}

static size_t lead_cols(const struct hclw_line *l)
{
	return (size_t)l->indent * 2 + text_width(l->lead);
}

static void emit(struct buf *out, const struct hclw_line *l, size_t align)
{
	if (!*l->lead && !l->assign) {
		buf_addch(out, '\n');
		return;
	}
	buf_addf(out, "%*s%s", l->indent * 2, "", l->lead);
	if (l->assign)
		buf_addf(out, "%*s%s", (int)(align - lead_cols(l) + 1), "",
			 l->assign);
	buf_addch(out, '\n');
}

void hclw_finish(struct buf *out, struct hclw_writer *w)
{
	size_t i = 0;

	while (i < w->nr) {
		size_t j = i, max = 0;

		while (j < w->nr && w->lines[j].assign) {
			size_t c = lead_cols(&w->lines[j]);

			max = c > max ? c : max;
			j++;
		}
		if (j == i) {
			emit(out, &w->lines[i++], 0);
			continue;
		}
		for (; i < j; i++)
			emit(out, &w->lines[i], max);
		i = j;
	}
	hclw_writer_release(w);
}

void hclw_writer_release(struct hclw_writer *w)
{
	size_t i;

	for (i = 0; i < w->nr; i++) {
		free(w->lines[i].lead);
		free(w->lines[i].assign);
	}
	free(w->lines);
	w->lines = NULL;
	w->nr = w->alloc = 0;
	w->depth = 0;
}
