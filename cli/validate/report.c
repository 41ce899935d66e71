/*
 * The problem list of validate: appending, merging the same problem seen in
 * several environments, and splitting loader errors back into positions.
 */
#include "validate/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static struct validate_problem *find_same(struct validate_report *r,
					  const struct validate_problem *p)
{
	size_t i;

	for (i = 0; i < r->nr; i++) {
		struct validate_problem *q = &r->items[i];

		if (q->nr_envs && q->line == p->line && q->col == p->col &&
		    same_str(q->file, p->file) && same_str(q->msg, p->msg) &&
		    same_str(q->note, p->note) &&
		    same_str(q->note_file, p->note_file) &&
		    q->note_line == p->note_line && q->note_col == p->note_col)
			return q;
	}
	return NULL;
}

static void add_env(struct validate_problem *p, size_t env)
{
	size_t i;

	for (i = 0; i < p->nr_envs; i++)
		if (p->envs[i] == env)
			return;
	ALLOC_GROW(p->envs, p->nr_envs, p->alloc_envs);
	p->envs[p->nr_envs++] = env;
}

static void problem_release(struct validate_problem *p)
{
	free(p->file);
	free(p->msg);
	free(p->note_file);
	free(p->note);
	free(p->envs);
}

struct validate_problem *validate_report_add(struct validate_report *r,
					     size_t env, const char *file,
					     unsigned line, unsigned col,
					     const char *note_file,
					     unsigned note_line,
					     unsigned note_col,
					     const char *note,
					     const char *fmt, ...)
{
	struct validate_problem p = { 0 }, *same;
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	p.file = xstrdup(file);
	p.line = line;
	p.col = col;
	p.msg = buf_detach(&msg, NULL);
	if (note) {
		p.note_file = xstrdup(note_file);
		p.note_line = note_line;
		p.note_col = note_col;
		p.note = xstrdup(note);
	}
	if (env != VALIDATE_NO_ENV && (same = find_same(r, &p))) {
		problem_release(&p);
		add_env(same, env);
		return same;
	}
	if (env != VALIDATE_NO_ENV)
		add_env(&p, env);
	ALLOC_GROW(r->items, r->nr, r->alloc);
	r->items[r->nr] = p;
	return &r->items[r->nr++];
}

/* Parses a decimal number ending at ':'; returns the char after it or NULL. */
static const char *number_colon(const char *s, unsigned *out)
{
	unsigned long v = 0;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && v < 100000000UL)
		v = v * 10 + (unsigned long)(*p++ - '0');
	if (p == s || *p != ':')
		return NULL;
	*out = (unsigned)v;
	return p + 1;
}

void validate_report_error(struct validate_report *r, const char *file,
			   const struct err *err)
{
	const char *msg = err->msg.ptr, *colon = strchr(msg, ':'), *rest;
	unsigned line = 0, col = 0;
	char *where = NULL;
	struct validate_problem *p;

	if (colon && colon != msg && (rest = number_colon(colon + 1, &line))) {
		const char *after_col = number_colon(rest, &col);

		where = xstrndup(msg, (size_t)(colon - msg));
		msg = after_col ? after_col : rest;
		while (*msg == ' ')
			msg++;
	} else if (!strncmp(msg, file, strlen(file)) &&
		   !strncmp(msg + strlen(file), ": ", 2)) {
		msg += strlen(file) + 2;	/* "FILE: what" */
	}
	p = validate_report_add(r, VALIDATE_NO_ENV, where ? where : file,
				line, col, NULL, 0, 0, NULL, "%s", msg);
	p->fatal = 1;
	r->nr_fatal++;
	free(where);
}

static void name_envs(struct validate_problem *p,
		      const char *const *env_names, size_t nr_envs)
{
	struct buf msg = BUF_INIT;
	size_t i;

	if (!p->nr_envs || p->nr_envs >= nr_envs)
		return;
	buf_addf(&msg, "%s (environment%s: ", p->msg,
		 p->nr_envs > 1 ? "s" : "");
	for (i = 0; i < p->nr_envs; i++)
		buf_addf(&msg, "%s%s", i ? ", " : "", env_names[p->envs[i]]);
	buf_addch(&msg, ')');
	free(p->msg);
	p->msg = buf_detach(&msg, NULL);
}

static int before(const struct validate_problem *a,
		  const struct validate_problem *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

void validate_report_finish(struct validate_report *r, size_t from,
			    const char *const *env_names, size_t nr_envs)
{
	size_t i, j;

	for (i = from; i < r->nr; i++)
		name_envs(&r->items[i], env_names, nr_envs);
	/* insertion sort: stable, and the lists are short */
	for (i = from + 1; i < r->nr; i++) {
		struct validate_problem p = r->items[i];

		for (j = i; j > from && before(&p, &r->items[j - 1]); j--)
			r->items[j] = r->items[j - 1];
		r->items[j] = p;
	}
}

void validate_report_release(struct validate_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++)
		problem_release(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof(*r));
}
