/*
 * -o markdown: a pull-request comment under 64 KB.  A marker line lets a bot
 * find and update its own comment; rows of the findings table are dropped
 * (never cut) when the comment would pass GATE_MARKDOWN_MAX, and the last
 * line says how many were left out.
 */
#include "gate/write_common.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

static const char *const icons[] = { ":white_check_mark:", ":warning:", ":x:" };

/* A table cell: clean UTF-8 (util/utf8.h), no pipes, at most `max` bytes
 * of `s` and never half a character. */
static void cell(struct buf *out, const char *s, size_t max)
{
	struct buf clean = BUF_INIT;
	size_t i;

	utf8_add_clean(&clean, s, max);
	for (i = 0; i < clean.len; i++) {
		if (clean.ptr[i] == '|')
			buf_addstr(out, "\\|");
		else
			buf_addch(out, clean.ptr[i]);
	}
	buf_release(&clean);
}

static void summary(struct buf *out, const struct gate_input *in,
		    const struct gate_result *res)
{
	struct tool_counts tc[MAX_TOOLS];
	size_t nr = gate_tools_counts(tc, in), i;
	int s;

	buf_addf(out, "<!-- mds-infra:gate v1 env=%s -->\n",
		 res->env ? res->env : "-");
	buf_addf(out, "## %s mds-infra gate: %s", icons[res->verdict],
		 gate_verdict_name(res->verdict));
	if (res->env)
		buf_addf(out, " (env `%s`)", res->env);
	buf_addstr(out, "\n\n");
	for (i = 0; i < res->nr_conds; i++)
		if (res->conds[i].status != V_PASS) {
			buf_addf(out, "- **%s** ", gate_verdict_name(res->conds[i].status));
			cell(out, res->conds[i].reason, 2000);
			buf_addch(out, '\n');
		}
	buf_addstr(out, "\n| Tool | Critical | High | Medium | Low | Info | "
		   "Unknown | Waived | Baseline |\n|---|--:|--:|--:|--:|--:|--:|"
		   "--:|--:|\n");
	for (i = 0; i < nr; i++) {
		buf_addstr(out, "| ");
		cell(out, tc[i].tool, 80);
		buf_addstr(out, " |");
		for (s = 0; s < SEV_COUNT; s++)
			buf_addf(out, " %zu |", tc[i].open[s]);
		buf_addf(out, " %zu | %zu |\n", tc[i].waived, tc[i].baseline);
	}
	if (in->sonar.dashboard_url)
		buf_addf(out, "\nSonarQube: %s\n", in->sonar.dashboard_url);
}

static void row(struct buf *out, const struct finding *f)
{
	buf_addf(out, "| %s%s%s | %s | `", f->blocking ? "**" : "",
		 gate_severity_name(f->severity), f->blocking ? "**" : "", f->tool);
	cell(out, f->rule_id, 160);
	buf_addstr(out, "` | ");
	cell(out, f->path ? f->path : f->resource, 160);
	if (f->path && f->start_line)
		buf_addf(out, ":%u", f->start_line);
	buf_addstr(out, " | ");
	cell(out, f->title, 160);
	buf_addstr(out, " |\n");
}

void gate_write_markdown(struct buf *out, const struct gate_input *in,
			 const struct gate_result *res)
{
	static const char footer[] = "\n</details>\n";
	size_t *order = gate_findings_sorted(in), i, open = 0, shown = 0;
	struct buf r = BUF_INIT;
	size_t start = out->len;

	summary(out, in, res);
	for (i = 0; i < in->nr; i++)
		open += in->findings[i].status == ST_OPEN;
	if (open) {
		buf_addf(out, "\n<details><summary>Open findings (%zu, blocking "
			 "in bold)</summary>\n\n| Severity | Tool | Rule | "
			 "Location | Title |\n|---|---|---|---|---|\n", open);
		for (i = 0; i < in->nr; i++) {
			const struct finding *f = &in->findings[order[i]];

			if (f->status != ST_OPEN)
				continue;
			buf_reset(&r);
			row(&r, f);
			/* room for this row, the footer and the "more" line */
			if (out->len - start + r.len + sizeof(footer) + 120 >
			    GATE_MARKDOWN_MAX)
				break;
			buf_add(out, r.ptr, r.len);
			shown++;
		}
		if (shown < open)
			buf_addf(out, "\n… %zu more, see the JSON or SARIF "
				 "artifact\n", open - shown);
		buf_addstr(out, footer);
	}
	buf_release(&r);
	free(order);
}
