/*
 * The structure of a parsed file as canonical JSON, byte for byte what the
 * oracle (tests/oracle/hcldump.go, Go's encoding/json with HTML escaping
 * off) prints for the same file, so the two can be compared with strcmp.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/xalloc.h"

static void json_string(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (char)*p);
		} else if (*p == '\n') {
			buf_addstr(out, "\\n");
		} else if (*p == '\r') {
			buf_addstr(out, "\\r");
		} else if (*p == '\t') {
			buf_addstr(out, "\\t");
		} else if (*p < 0x20) {
			buf_addf(out, "\\u%04x", *p);
		} else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			/* U+2028 and U+2029, which Go escapes for JavaScript */
			buf_addf(out, "\\u202%c", p[2] == 0xA8 ? '8' : '9');
			p += 2;
		} else {
			buf_addch(out, (char)*p);
		}
	}
	buf_addch(out, '"');
}

static int by_name(const void *a, const void *b)
{
	const struct hcl_node *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void dump_body(struct buf *out, const struct hcl_body *body)
{
	const struct hcl_node **attrs = xcalloc(body->nr + 1, sizeof(*attrs));
	size_t nr = 0, blocks = 0;

	for (size_t i = 0; i < body->nr; i++)
		if (body->nodes[i].kind == HCL_ATTR)
			attrs[nr++] = &body->nodes[i];
	qsort(attrs, nr, sizeof(*attrs), by_name);
	buf_addstr(out, "{\"attributes\":{");
	for (size_t i = 0; i < nr; i++) {
		buf_addstr(out, i ? "," : "");
		json_string(out, attrs[i]->name);
		buf_addf(out, ":{\"line\":%u,\"expr\":", attrs[i]->pos.line);
		json_string(out, attrs[i]->expr);
		buf_addch(out, '}');
	}
	free(attrs);
	buf_addstr(out, "},\"blocks\":[");
	for (size_t i = 0; i < body->nr; i++) {
		const struct hcl_node *n = &body->nodes[i];

		if (n->kind != HCL_BLOCK)
			continue;
		buf_addstr(out, blocks++ ? ",{\"type\":" : "{\"type\":");
		json_string(out, n->name);
		buf_addstr(out, ",\"labels\":[");
		for (size_t l = 0; l < n->nr_labels; l++) {
			buf_addstr(out, l ? "," : "");
			json_string(out, n->labels[l]);
		}
		buf_addf(out, "],\"line\":%u,\"body\":", n->pos.line);
		dump_body(out, &n->body);
		buf_addch(out, '}');
	}
	buf_addstr(out, "]}");
}

void hcl_dump_json(struct buf *out, const struct hcl_file *f)
{
	dump_body(out, &f->body);
	buf_addch(out, '\n');
}
