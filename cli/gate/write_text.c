/*
 * -o text: the terminal summary.  The verdict and its reasons first, then
 * per tool the counts and the findings, blocking ones first and by severity;
 * colour only when asked (the command decides: a terminal and no NO_COLOR).
 */
#include "gate/write_common.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#define MAX_LISTED 200	/* per tool: the JSON and SARIF have them all */

struct text {
	struct buf *out;
	int color;
};

static const char *const sev_color[SEV_COUNT] = {
	"\033[1;35m", "\033[1;31m", "\033[33m", "\033[36m", "\033[2m", "\033[2m"
};
static const char *const verdict_color[] = {
	"\033[1;32m", "\033[1;33m", "\033[1;31m"
};

static void paint(struct text *t, const char *color, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void paint(struct text *t, const char *color, const char *fmt, ...)
{
	va_list ap;

	if (t->color)
		buf_addstr(t->out, color);
	va_start(ap, fmt);
	buf_vaddf(t->out, fmt, ap);
	va_end(ap);
	if (t->color)
		buf_addstr(t->out, "\033[0m");
}

static void header(struct text *t, const struct gate_input *in,
		   const struct gate_result *res)
{
	size_t i;

	buf_addstr(t->out, "gate: ");
	paint(t, verdict_color[res->verdict], "%s", gate_verdict_name(res->verdict));
	buf_addf(t->out, " (%s%s%spolicy %s, %s)\n", res->env ? "env " : "",
		 res->env ? res->env : "", res->env ? ", " : "",
		 res->policy->source, res->today);
	for (i = 0; i < in->nr_sources; i++)
		buf_addf(t->out, "  read %s: %s, %zu finding%s\n",
			 in->sources[i].path, in->sources[i].format,
			 in->sources[i].findings,
			 in->sources[i].findings == 1 ? "" : "s");
	if (in->duplicates)
		buf_addf(t->out, "  %zu duplicate finding%s dropped (the same "
			 "finding read from more than one report)\n",
			 in->duplicates, in->duplicates == 1 ? "" : "s");
	for (i = 0; i < res->nr_conds; i++) {
		const struct gate_condition *c = &res->conds[i];

		if (c->status == V_FAIL)
			paint(t, verdict_color[V_FAIL], "  FAIL  %s\n", c->reason);
	}
	for (i = 0; i < res->nr_conds; i++) {
		const struct gate_condition *c = &res->conds[i];

		if (c->status == V_WARN)
			paint(t, verdict_color[V_WARN], "  WARN  %s\n", c->reason);
	}
}

static void counts_line(struct text *t, const struct tool_counts *tc)
{
	int s;

	buf_addch(t->out, '\n');
	utf8_add_clean(t->out, tc->tool, SIZE_MAX);
	buf_addch(t->out, ':');
	for (s = 0; s < SEV_COUNT; s++)
		if (tc->open[s])
			paint(t, sev_color[s], " %zu %s", tc->open[s], gate_severity_name(s));
	if (!tc->open[0] && !tc->open[1] && !tc->open[2] && !tc->open[3] &&
	    !tc->open[4] && !tc->open[5])
		buf_addstr(t->out, " no open findings");
	if (tc->waived)
		buf_addf(t->out, ", %zu waived", tc->waived);
	if (tc->baseline)
		buf_addf(t->out, ", %zu in the baseline", tc->baseline);
	if (tc->ignored)
		buf_addf(t->out, ", %zu unfixed ignored", tc->ignored);
	buf_addch(t->out, '\n');
}

/*
 * A field a report wrote, between `before` and `after`: cleaned, since a
 * title with escape sequences would otherwise drive the reader's terminal.
 */
static void text_field(struct text *t, const char *before, const char *s,
		       const char *after)
{
	if (!s)
		return;
	buf_addstr(t->out, before);
	utf8_add_clean(t->out, s, SIZE_MAX);
	buf_addstr(t->out, after);
}

static void finding_line(struct text *t, const struct finding *f)
{
	char sev[16];
	size_t i;

	for (i = 0; i < sizeof(sev) - 1 && gate_severity_name(f->severity)[i]; i++)
		sev[i] = (char)(gate_severity_name(f->severity)[i] - 'a' + 'A');
	sev[i] = '\0';
	buf_addf(t->out, "  %s", f->blocking ? "! " : "  ");
	paint(t, sev_color[f->severity], "%-8s", sev);
	text_field(t, " ", f->rule_id, "");
	text_field(t, "  ", f->path, "");
	if (f->path && f->start_line)
		buf_addf(t->out, ":%u", f->start_line);
	text_field(t, "  [", f->resource, "]");
	if (f->pkg_name) {
		text_field(t, "  ", f->pkg_name, " ");
		text_field(t, "", f->pkg_installed, "");
		text_field(t, " -> ", f->pkg_fixed, "");
	}
	text_field(t, "  ", f->title, "");
	buf_addch(t->out, '\n');
}

static void tool_findings(struct text *t, const struct gate_input *in,
			  const size_t *order, const char *tool)
{
	size_t i, shown = 0, more = 0;

	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[order[i]];

		if (strcmp(f->tool, tool) || f->status != ST_OPEN)
			continue;
		if (shown < MAX_LISTED || f->blocking) {
			finding_line(t, f);
			shown++;
		} else {
			more++;
		}
	}
	if (more)
		buf_addf(t->out, "  ... %zu more open finding%s (see -o json)\n",
			 more, more == 1 ? "" : "s");
}

void gate_write_text(struct buf *out, const struct gate_input *in,
		     const struct gate_result *res, int color)
{
	struct text t = { out, color };
	struct tool_counts tc[MAX_TOOLS];
	size_t nr = gate_tools_counts(tc, in), i;
	size_t *order = gate_findings_sorted(in);

	header(&t, in, res);
	for (i = 0; i < nr; i++) {
		counts_line(&t, &tc[i]);
		tool_findings(&t, in, order, tc[i].tool);
	}
	if (in->sonar.dashboard_url)
		buf_addf(out, "\nsonarqube dashboard: %s\n", in->sonar.dashboard_url);
	buf_addf(out, "\n%s: %zu critical, %zu high, %zu medium, %zu low, "
		 "%zu info, %zu unknown open; %zu waived, %zu baseline\n",
		 gate_verdict_name(res->verdict), res->counts[0], res->counts[1],
		 res->counts[2], res->counts[3], res->counts[4], res->counts[5],
		 res->waived, res->baselined);
	free(order);
}
