/*
 * Version pins in stack.yaml against the modules' defaults (pins.h).
 */
#include "validate/pins.h"

#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "validate/report.h"

static int is_pin(const char *name)
{
	size_t len = strlen(name);

	return !strcmp(name, "chart_version") || !strcmp(name, "image_tag") ||
	       (len > 8 && !strcmp(name + len - 8, "_version"));
}

/* Start of line `line` (1-based) in `text`, or NULL. */
static const char *line_at(const char *text, unsigned line)
{
	while (text && --line)
		if ((text = strchr(text, '\n')))
			text++;
	return line ? NULL : text;
}

/* A "# pin:" comment in [from, to): after a '#' that starts a comment. */
static int pin_comment(const char *from, const char *to)
{
	for (const char *p = from; p && p < to; p++) {
		if (*p == '"' || *p == '\'') {
			const char *q = memchr(p + 1, *p, to - p - 1);

			if (!q)
				return 0;
			p = q;
			continue;
		}
		if (*p == '#' && (p == from || p[-1] == ' ' || p[-1] == '\t')) {
			p++;
			while (p < to && *p == ' ')
				p++;
			return to - p > 4 && !strncmp(p, "pin:", 4);
		}
	}
	return 0;
}

static int line_has_pin(const char *text, unsigned line, int comment_only)
{
	const char *start = line_at(text, line), *end, *p;

	if (!start || !*start)
		return 0;
	end = strchr(start, '\n');
	end = end ? end : start + strlen(start);
	for (p = start; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	if (comment_only && (p == end || *p != '#'))
		return 0;
	return pin_comment(start, end);
}

int validate_pin_has_reason(const char *text, unsigned line)
{
	return line_has_pin(text, line, 0) ||
	       (line > 1 && line_has_pin(text, line - 1, 1));
}

static void check_component(struct validate_report *r, const struct stack *st,
			    size_t comp, const struct hcl_module *m,
			    const char *text)
{
	for (size_t env = 0; env < st->nr_envs; env++) {
		struct stack_inputs in = STACK_INPUTS_INIT;

		stack_inputs(&in, st, env, comp);
		for (size_t i = 0; i < in.nr; i++) {
			const struct stack_input *p = &in.items[i];
			const struct hcl_variable *v = hcl_module_variable(m, p->name);
			struct buf def = BUF_INIT;
			size_t before = r->nr;
			struct validate_problem *w;

			if (!is_pin(p->name) || p->nr_refs || !v || !v->default_expr ||
			    p->value->kind != YAML_SCALAR ||
			    !hcl_string_literal(&def, v->default_expr) ||
			    !strcmp(def.ptr ? def.ptr : "", p->value->str) ||
			    validate_pin_has_reason(text, p->value->line)) {
				buf_release(&def);
				continue;
			}
			w = validate_report_add(r, env, st->path, p->value->line,
						p->value->col, v->file, v->pos.line,
						v->pos.col, "the module's default is here",
						"component '%s': %s \"%s\" differs from the module's default \"%s\" with no stated reason (add a \"# pin: why\" comment, or drop the pin)",
						st->components[comp].name, p->name,
						p->value->str, def.ptr);
			if (r->nr > before) {
				w->warning = 1;
				r->nr_warnings++;
			}
			buf_release(&def);
		}
		stack_inputs_release(&in);
	}
}

void validate_pins(struct validate_report *r, const struct stack *st,
		   const struct validate_module *const *mods)
{
	struct buf text = BUF_INIT;
	struct err err = ERR_INIT;

	if (fs_read_file(&text, st->path, &err)) {
		err_release(&err);
		return;		/* the loader read it: cannot happen */
	}
	for (size_t c = 0; c < st->nr_components; c++) {
		struct hcl_module m = HCL_MODULE_INIT;

		if (!mods[c] || mods[c]->state != VALIDATE_MODULE_OK ||
		    hcl_module_load(&m, mods[c]->dir, &err)) {
			err_release(&err);
			continue;	/* modules.c reports it */
		}
		check_component(r, st, c, &m, text.ptr);
		hcl_module_release(&m);
	}
	buf_release(&text);
}
