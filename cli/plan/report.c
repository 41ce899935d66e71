#include "plan/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/xml.h"

static const char *status_name(const struct tg_result *r)
{
	return tg_status_name(r->status);
}

static json_t *counts_json(long add, long change, long destroy, long import)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "add", (json_int_t)add,
			 "change", (json_int_t)change, "destroy",
			 (json_int_t)destroy, "import", (json_int_t)import);
}

static json_t *component_json(const struct plan_report *rep, size_t i)
{
	const struct tg_result *r = &rep->res[i];
	const char *slash = strrchr(r->plan_path, '/');
	int planned = r->status == TG_CHANGES || r->status == TG_NO_CHANGES;
	json_t *c = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}",
			      "name", rep->set->units[i].name,
			      "status", status_name(r),
			      "add", (json_int_t)r->sum.add,
			      "change", (json_int_t)r->sum.change,
			      "destroy", (json_int_t)r->sum.destroy,
			      "import", (json_int_t)r->sum.import);
	json_t *deps = json_array();
	size_t k;

	json_object_set_new(c, "plan_file", planned && slash ?
			    json_string(slash + 1) : json_null());
	json_object_set_new(c, "duration_s",
			    json_real((double)(long long)(r->duration_s * 10 + 0.5) / 10));
	json_object_set_new(c, "reason", r->reason ? json_string(r->reason) :
			    json_null());
	json_object_set_new(c, "used_mock_outputs", json_boolean(r->used_mocks));
	for (k = 0; k < rep->set->units[i].nr_deps; k++)
		json_array_append_new(deps, json_string(
			rep->set->units[rep->set->units[i].deps[k]].name));
	json_object_set_new(c, "depends_on", deps);
	json_object_set_new(c, "log", r->log_path ? json_string(r->log_path) :
			    json_null());
	return c;
}

void plan_report_json(struct buf *out, const struct plan_report *rep)
{
	json_t *root = json_object(), *comps = json_array(), *viol = json_array();
	long t[4] = { 0, 0, 0, 0 };
	size_t i;
	char *s;

	json_object_set_new(root, "schema", json_string("mds-infra/plan/v1"));
	json_object_set_new(root, "environment", json_string(rep->set->env));
	json_object_set_new(root, "changes_present",
			    json_boolean(rep->changes_present));
	for (i = 0; i < rep->set->nr; i++) {
		json_array_append_new(comps, component_json(rep, i));
		t[0] += rep->res[i].sum.add;
		t[1] += rep->res[i].sum.change;
		t[2] += rep->res[i].sum.destroy;
		t[3] += rep->res[i].sum.import;
	}
	json_object_set_new(root, "components", comps);
	json_object_set_new(root, "totals", counts_json(t[0], t[1], t[2], t[3]));
	for (i = 0; rep->viol && i < rep->viol->nr; i++) {
		const struct plan_violation *v = &rep->viol->v[i];

		json_array_append_new(viol, json_pack("{s:s, s:o, s:s, s:s}",
			"component", v->component,
			"address", v->address ? json_string(v->address) : json_null(),
			"rule", v->rule, "message", v->message));
	}
	json_object_set_new(root, "policy_violations", viol);
	json_object_set_new(root, "commit", rep->commit ?
			    json_string(rep->commit) : json_null());
	s = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	buf_addstr(out, s);
	buf_addch(out, '\n');
	free(s);
	json_decref(root);
}

/* The rule, control characters included, is util/xml.h's. */
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
	} else if (r->status == TG_SKIPPED) {
		buf_addstr(out, "      <skipped message=\"");
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
		skipped += rep->res[i].status == TG_SKIPPED;
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

void plan_report_markdown(struct buf *out, const struct plan_report *rep)
{
	size_t i;

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
	for (i = 0; i < rep->set->nr; i++)
		if (rep->res[i].reason) {
			buf_addf(out, "\n- `%s`: ", rep->set->units[i].name);
			md_cell(out, rep->res[i].reason);
		}
	if (rep->viol && rep->viol->nr) {
		buf_addstr(out, "\n\n**Plan policy violated:**\n");
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
