/*
 * The HCL writer: values, escaping, and hclfmt's line/alignment model.
 */
#include "render/hcl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct hclw_value *hclw_new(enum hclw_kind kind, const char *text, size_t len)
{
	struct hclw_value *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	v->text = text ? xstrndup(text, len) : NULL;
	v->len = text ? len : 0;
	return v;
}

struct hclw_value *hclw_str(const char *s)
{
	return hclw_new(HCLW_STRING, s, strlen(s));
}

struct hclw_value *hclw_expr(const char *expr)
{
	return hclw_new(HCLW_EXPR, expr, strlen(expr));
}

void hclw_list_push(struct hclw_value *list, struct hclw_value *v)
{
	ALLOC_GROW(list->items, list->nr, list->alloc);
	list->items[list->nr++] = v;
}

void hclw_object_set(struct hclw_value *obj, const char *key,
		    struct hclw_value *v)
{
	size_t i;

	for (i = 0; i < obj->nr; i++) {
		if (!strcmp(obj->keys[i], key)) {
			hclw_value_free(obj->items[i]);
			obj->items[i] = v;
			return;
		}
	}
	if (obj->nr >= obj->alloc) {
		obj->alloc = obj->alloc < 8 ? 8 : obj->alloc * 2;
		obj->items = xreallocarray(obj->items, obj->alloc,
					   sizeof(*obj->items));
		obj->keys = xreallocarray(obj->keys, obj->alloc,
					  sizeof(*obj->keys));
	}
	obj->keys[obj->nr] = xstrdup(key);
	obj->items[obj->nr++] = v;
}

void hclw_object_sort(struct hclw_value *obj)
{
	size_t i, j;

	/* insertion sort: objects are small, and it is stable */
	for (i = 1; i < obj->nr; i++) {
		char *k = obj->keys[i];
		struct hclw_value *v = obj->items[i];

		for (j = i; j > 0 && strcmp(obj->keys[j - 1], k) > 0; j--) {
			obj->keys[j] = obj->keys[j - 1];
			obj->items[j] = obj->items[j - 1];
		}
		obj->keys[j] = k;
		obj->items[j] = v;
	}
}

void hclw_value_free(struct hclw_value *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->nr; i++) {
		hclw_value_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
	free(v);
}

static int convert_radix(struct buf *out, const char *s)
{
	int neg = *s == '-';
	const char *p = s + (*s == '-' || *s == '+');
	int base = p[1] == 'x' ? 16 : 8;
	uintmax_t v;
	char *end;

	errno = 0;
	v = strtoumax(p + 2, &end, base);
	if (errno || *end)
		return -1;
	buf_addf(out, "%s%ju", neg && v ? "-" : "", v);
	return 0;
}

int hclw_number(struct buf *out, const char *s)
{
	const char *p = s, *dot;

	if (strchr(s, 'n') || strchr(s, 'N') || strchr(s, 'i') ||
	    strchr(s, 'I'))
		return -1;	/* .inf, .nan */
	if (*p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o'))
		return convert_radix(out, s);
	if (*p == '-') {
		buf_addch(out, '-');
		p++;
	}
	if (*p == '.')
		buf_addch(out, '0');
	dot = strchr(p, '.');
	if (dot && !(dot[1] >= '0' && dot[1] <= '9')) {
		/* "5." or "5.e3": HCL wants digits after the point */
		buf_add(out, p, (size_t)(dot - p) + 1);
		buf_addch(out, '0');
		buf_addstr(out, dot + 1);
		return 0;
	}
	buf_addstr(out, p);
	return 0;
}

static size_t utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	return 4;
}

static unsigned long utf8_decode(const unsigned char *p, size_t n)
{
	unsigned long cp = n == 1 ? p[0] : n == 2 ? p[0] & 0x1f :
		n == 3 ? p[0] & 0x0f : p[0] & 0x07;
	size_t i;

	for (i = 1; i < n; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	return cp;
}

void hclw_escape(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = utf8_len(c);
		unsigned long cp;

		if (n > len - i)
			n = len - i;
		cp = utf8_decode((const unsigned char *)s + i, n);
		if (c == '\n')
			buf_addstr(out, "\\n");
		else if (c == '\r')
			buf_addstr(out, "\\r");
		else if (c == '\t')
			buf_addstr(out, "\\t");
		else if (c == '"' || c == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (char)c);
		} else if ((c == '$' || c == '%') && i + 1 < len && s[i + 1] == '{') {
			buf_addch(out, (char)c);
			buf_addch(out, (char)c);
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			buf_addf(out, "\\u%04lx", cp);
		else
			buf_add(out, s + i, n);
		i += n;
	}
}

int hclw_is_ident(const char *key)
{
	static const char *const keywords[] = {
		"true", "false", "null", "for", "in", "if", NULL
	};
	const char *const *k;
	const char *p = key;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_'))
		return 0;
	for (p++; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return 0;
	for (k = keywords; *k; k++)
		if (!strcmp(key, *k))
			return 0;
	return 1;
}
