/*
 * README inputs/outputs tables generated from a module's interface, in
 * the layout terraform-docs made familiar: required inputs first, then
 * the rest, each by name; one line per row, pipes escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "hcl/readme.h"
#include "util/xalloc.h"

/* One table cell on one line: every whitespace run folds into one space
 * (multi-line types and defaults, the alignment hclfmt adds). */
static void cell_text(struct buf *out, const char *s)
{
	size_t start = out->len;

	s += strspn(s, " \t\r\n");
	while (*s) {
		size_t blank = strspn(s, " \t\r\n");

		if (blank) {
			buf_addch(out, ' ');
			s += blank;
		} else if (*s == '|') {
			buf_addstr(out, "\\|");
			s++;
		} else {
			buf_addch(out, *s++);
		}
	}
	if (out->len > start && out->ptr[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
}

/* A code span: `x`, or `` x `` when x holds a backtick. */
static void cell_code(struct buf *out, const char *s)
{
	int ticks = strchr(s, '`') != NULL;

	buf_addstr(out, ticks ? "`` " : "`");
	cell_text(out, s);
	buf_addstr(out, ticks ? " ``" : "`");
}

static int var_order(const void *a, const void *b)
{
	const struct hcl_variable *const *x = a, *const *y = b;

	if ((*x)->has_default != (*y)->has_default)
		return (*x)->has_default ? 1 : -1;
	return strcmp((*x)->name, (*y)->name);
}

static int out_order(const void *a, const void *b)
{
	const struct hcl_output *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void inputs_table(struct buf *out, const struct hcl_module *m)
{
	const struct hcl_variable **v = xcalloc(m->nr_vars + 1, sizeof(*v));

	for (size_t i = 0; i < m->nr_vars; i++)
		v[i] = &m->vars[i];
	qsort(v, m->nr_vars, sizeof(*v), var_order);
	buf_addstr(out, "## Inputs\n\n");
	if (!m->nr_vars)
		buf_addstr(out, "No inputs.\n");
	else
		buf_addstr(out, "| Name | Description | Type | Default | Required |\n"
			   "|------|-------------|------|---------|:--------:|\n");
	for (size_t i = 0; i < m->nr_vars; i++) {
		buf_addstr(out, "| ");
		cell_code(out, v[i]->name);
		buf_addstr(out, " | ");
		cell_text(out, v[i]->description ? v[i]->description : "");
		buf_addstr(out, " | ");
		cell_code(out, v[i]->type ? v[i]->type : "any");
		buf_addstr(out, " | ");
		if (v[i]->has_default)
			cell_code(out, v[i]->default_expr);
		else
			buf_addstr(out, "n/a");
		buf_addstr(out, v[i]->has_default ? " | no |\n" : " | yes |\n");
	}
	free(v);
}

static void outputs_table(struct buf *out, const struct hcl_module *m)
{
	const struct hcl_output **o = xcalloc(m->nr_outputs + 1, sizeof(*o));

	for (size_t i = 0; i < m->nr_outputs; i++)
		o[i] = &m->outputs[i];
	qsort(o, m->nr_outputs, sizeof(*o), out_order);
	buf_addstr(out, "\n## Outputs\n\n");
	if (!m->nr_outputs)
		buf_addstr(out, "No outputs.\n");
	else
		buf_addstr(out, "| Name | Description | Sensitive |\n"
			   "|------|-------------|:---------:|\n");
	for (size_t i = 0; i < m->nr_outputs; i++) {
		buf_addstr(out, "| ");
		cell_code(out, o[i]->name);
		buf_addstr(out, " | ");
		cell_text(out, o[i]->description ? o[i]->description : "");
		buf_addstr(out, o[i]->sensitive ? " | yes |\n" : " | no |\n");
	}
	free(o);
}

void hcl_readme_section(struct buf *out, const struct hcl_module *m)
{
	buf_addstr(out, HCL_README_BEGIN "\n");
	inputs_table(out, m);
	outputs_table(out, m);
	buf_addstr(out, HCL_README_END "\n");
}

/* Offset of the line that is exactly `marker` (trailing blanks allowed), from `from`. */
static const char *find_marker(const char *s, size_t len, size_t from, const char *marker,
			       unsigned *line)
{
	size_t mlen = strlen(marker);
	unsigned n = 1;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, e = end;

		while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		if (i >= from && e - i == mlen && !memcmp(s + i, marker, mlen)) {
			*line = n;
			return s + i;
		}
		i = end + 1;
		n++;
	}
	return NULL;
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

int hcl_readme_update(struct buf *out, const char *path, const char *old,
		      size_t len, const struct hcl_module *m, struct err *err)
{
	const char *begin, *end, *again;
	unsigned bl = 0, el = 0, al = 0;

	if (!old) {
		const char *name = strrchr(m->dir, '/');

		buf_addf(out, "# %s\n\n", name && name[1] ? name + 1 : m->dir);
		hcl_readme_section(out, m);
		return 0;
	}
	begin = find_marker(old, len, 0, HCL_README_BEGIN, &bl);
	end = find_marker(old, len, 0, HCL_README_END, &el);
	if (!begin && !end) {
		buf_add(out, old, len);
		if (len && old[len - 1] != '\n')
			buf_addch(out, '\n');
		buf_addstr(out, len ? "\n" : "");
		hcl_readme_section(out, m);
		return 0;
	}
	if (!begin || !end || end < begin)
		return err_set(err, ERR_INPUT, "%s:%u: '%s' without a matching '%s' after it", path,
			       begin ? bl : el, begin ? HCL_README_BEGIN : HCL_README_END,
			       begin ? HCL_README_END : HCL_README_BEGIN);
	if ((again = find_marker(old, len, (size_t)(line_end(begin, old + len) - old), HCL_README_BEGIN, &al)))
		return err_set(err, ERR_INPUT, "%s:%u: a second '%s' (one generated section per README)",
			       path, al, HCL_README_BEGIN);
	if ((again = find_marker(old, len, (size_t)(line_end(end, old + len) - old), HCL_README_END, &al)))
		return err_set(err, ERR_INPUT, "%s:%u: a second '%s' (one generated section per README)",
			       path, al, HCL_README_END);
	buf_add(out, old, (size_t)(begin - old));
	hcl_readme_section(out, m);
	end = line_end(end, old + len);
	buf_add(out, end, (size_t)(old + len - end));
	return 0;
}
