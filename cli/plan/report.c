#include "plan/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/xml.h"

/* The one XML rule of the program (util/xml.h). */
static void xml_escaped(struct buf *out, const char *s, size_t len)
{
	xml_escape(out, s, len);
}

static void xml_str(struct buf *out, const char *s)
{
	xml_escaped(out, s, strlen(s));
}

static void junit_case(struct buf *out, const struct plan_report *rep,
		       size_t i)
{
	const struct tg_result *r = &rep->res[i];
	struct buf tail = BUF_INIT;

	buf_addf(out, "    <testcase classname=\"mds-infra.plan.");
	xml_str(out, rep->set->env);
	buf_addstr(out, "\" name=\"");
	xml_str(out, rep->set->units[i].name);
	buf_addf(out, "\" time=\"%.3f\">\n", r->duration_s);
	if (r->status == TG_FAILED) {
		buf_addstr(out, "      <failure message=\"");
		xml_str(out, r->reason ? r->reason : "failed");
		buf_addstr(out, "\">");
		tg_tail_lines(&tail, r, 20);
		xml_escaped(out, tail.ptr, tail.len);
		buf_addstr(out, "</failure>\n");
	} else if (r->status == TG_SKIPPED || r->status == TG_BLOCKED) {
		buf_addstr(out, "      <skipped message=\"");
		if (r->status == TG_BLOCKED)
			buf_addstr(out, "blocked: ");
		xml_str(out, r->reason ? r->reason : "skipped");
		buf_addstr(out, "\"/>\n");
	}
	buf_addf(out, "      <system-out>%s: %ld to add, %ld to change, %ld to destroy, %ld to import",
		 tg_status_name(r->status), r->sum.add, r->sum.change,
		 r->sum.destroy, r->sum.import);
	if (r->log_path) {
		buf_addstr(out, "; log: ");
		xml_str(out, r->log_path);
	}
	buf_addstr(out, "</system-out>\n    </testcase>\n");
	buf_release(&tail);
}

void plan_report_junit(struct buf *out, const struct plan_report *rep)
{
	size_t i, failed = 0, skipped = 0;
	double total = 0;

	for (i = 0; i < rep->set->nr; i++) {
		failed += rep->res[i].status == TG_FAILED;
		skipped += rep->res[i].status == TG_SKIPPED ||
			   rep->res[i].status == TG_BLOCKED;
		total += rep->res[i].duration_s;
	}
	buf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	buf_addstr(out, "  <testsuite name=\"mds-infra plan ");
	xml_str(out, rep->set->env);
	buf_addf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"%.3f\">\n",
		 rep->set->nr, failed, skipped, total);
	for (i = 0; i < rep->set->nr; i++)
		junit_case(out, rep, i);
	if (rep->viol && rep->viol->nr) {
		buf_addstr(out, "    <testcase classname=\"mds-infra.plan-policy\" name=\"plan policy\">\n      <failure message=\"plan policy violated\">");
		for (i = 0; i < rep->viol->nr; i++) {
			const struct plan_violation *v = &rep->viol->v[i];

			xml_str(out, v->component);
			if (v->address) {
				buf_addch(out, ' ');
				xml_str(out, v->address);
			}
			buf_addstr(out, ": ");
			xml_str(out, v->message);
			buf_addch(out, '\n');
		}
		buf_addstr(out, "</failure>\n    </testcase>\n");
	}
	buf_addstr(out, "  </testsuite>\n</testsuites>\n");
}

/* Markdown table cells: no pipes or newlines. */
static void md_cell(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			buf_addstr(out, "\\|");
		else
			buf_addch(out, *s == '\n' ? ' ' : *s);
	}
}

/* The counts of a component's summary line. */
static void md_counts(struct buf *out, const struct tg_result *r)
{
	buf_addf(out, "%ld to add, %ld to change, %ld to destroy", r->sum.add,
		 r->sum.change, r->sum.destroy);
	if (r->sum.import)
		buf_addf(out, ", %ld to import", r->sum.import);
	if (r->sum.move)
		buf_addf(out, ", %ld to move", r->sum.move);
	if (r->sum.forget)
		buf_addf(out, ", %ld to forget", r->sum.forget);
	if (r->sum.refresh_only)
		buf_addf(out, ", %ld drifted (refresh-only)", r->sum.drift);
}

/* One resource line: "- `update` `addr` (moved from `old`, imported)". */
static void md_resource(struct buf *out, const struct plan_resource *pr)
{
	buf_addf(out, "- `%s` `", tfplan_resource_verb(pr));
	md_cell(out, pr->address);
	buf_addch(out, '`');
	if (pr->moved && pr->action != PLAN_NOOP) {
		buf_addstr(out, " (moved from `");
		md_cell(out, pr->previous_address);
		buf_addstr(out, "`)");
	} else if (pr->moved) {
		buf_addstr(out, " from `");
		md_cell(out, pr->previous_address);
		buf_addch(out, '`');
	}
	if (pr->importing && pr->action != PLAN_NOOP)
		buf_addstr(out, " (imported)");
	buf_addch(out, '\n');
}

#define MD_MAX_RESOURCES 200	/* per component: a PR comment has a size limit */

static void md_component(struct buf *out, const struct plan_report *rep,
			 size_t i)
{
	const struct tg_result *r = &rep->res[i];
	size_t k, shown = 0, listed = 0;

	buf_addstr(out, "<details><summary><b>");
	md_cell(out, rep->set->units[i].name);
	buf_addstr(out, "</b>: ");
	if (r->status == TG_CHANGES || r->status == TG_NO_CHANGES) {
		buf_addstr(out, r->status == TG_CHANGES ? "changes: " : "no changes: ");
		md_counts(out, r);
		if (r->used_mocks)
			buf_addstr(out, " (mock outputs)");
	} else {
		buf_addstr(out, r->status == TG_FAILED ? "**failed**" :
			   tg_status_name(r->status));
		if (r->reason) {
			buf_addstr(out, ": ");
			md_cell(out, r->reason);
		}
	}
	buf_addstr(out, "</summary>\n\n");
	for (k = 0; k < r->sum.nr_res; k++) {
		if (!tfplan_resource_listed(&r->sum.res[k]))
			continue;
		listed++;
		if (shown < MD_MAX_RESOURCES) {
			md_resource(out, &r->sum.res[k]);
			shown++;
		}
	}
	if (listed > shown)
		buf_addf(out, "- ... and %zu more (plan.json lists them all)\n",
			 listed - shown);
	if (!listed && r->status != TG_CHANGES && r->status != TG_NO_CHANGES)
		buf_addstr(out, "Not planned.\n");
	else if (!listed)
		buf_addstr(out, r->status == TG_CHANGES ?
			   "No resource changes: outputs, or drift to record.\n" :
			   "No resource changes.\n");
	buf_addstr(out, "\n</details>\n\n");
}

void plan_report_markdown(struct buf *out, const struct plan_report *rep)
{
	size_t i;

	/* CI finds its previous comment by this line and edits it */
	buf_addf(out, "%s env=%s -->\n", PLAN_MD_MARKER, rep->set->env);
	buf_addf(out, "### mds-infra plan `%s`%s\n\n", rep->set->env,
		 rep->changes_present ? "" : ": no changes");
	buf_addstr(out, "| component | status | add | change | destroy | import | duration |\n");
	buf_addstr(out, "|---|---|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < rep->set->nr; i++) {
		const struct tg_result *r = &rep->res[i];

		buf_addstr(out, "| ");
		md_cell(out, rep->set->units[i].name);
		buf_addf(out, " | %s%s | %ld | %ld | %ld | %ld | %.1fs |\n",
			 r->status == TG_FAILED ? "**failed**" :
			 tg_status_name(r->status),
			 r->used_mocks ? " (mock outputs)" : "",
			 r->sum.add, r->sum.change, r->sum.destroy,
			 r->sum.import, r->duration_s);
	}
	buf_addch(out, '\n');
	for (i = 0; i < rep->set->nr; i++)
		md_component(out, rep, i);
	if (rep->viol && rep->viol->nr) {
		buf_addstr(out, "\n**Plan policy violated:**\n");
		for (i = 0; i < rep->viol->nr; i++) {
			buf_addf(out, "- `%s`", rep->viol->v[i].component);
			if (rep->viol->v[i].address)
				buf_addf(out, " `%s`", rep->viol->v[i].address);
			buf_addstr(out, ": ");
			md_cell(out, rep->viol->v[i].message);
			buf_addch(out, '\n');
		}
	}
	buf_addch(out, '\n');
}
