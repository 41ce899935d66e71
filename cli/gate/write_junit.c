/*
 * -o junit: JUnit XML as Jenkins' junit step reads it, valid against the
 * xunit plugin's junit-10.xsd.  Suite "mds-infra.policy" has one testcase per
 * policy condition (so the file is never empty): a FAIL condition is a
 * <failure>, a WARN one passes with the reason in <system-out> (a warning
 * must not turn the build UNSTABLE).  Then one suite per tool with one
 * failing testcase per blocking finding.
 */
#include "gate/write_common.h"

#include <stdlib.h>
#include <string.h>

#include "util/xml.h"

/* XML text or attribute (the rule is util/xml.h's). */
static void xml(struct buf *out, const char *s)
{
	xml_escape_str(out, s);
}

static void condition(struct buf *out, const struct gate_condition *c)
{
	buf_addstr(out, "    <testcase classname=\"mds-infra.policy.");
	xml(out, c->scope);
	buf_addstr(out, "\" name=\"");
	xml(out, c->name);
	buf_addstr(out, "\" time=\"0\">");
	if (c->status == V_FAIL) {
		buf_addstr(out, "\n      <failure type=\"FAIL\" message=\"");
		xml(out, c->reason);
		buf_addstr(out, "\">");
		xml(out, c->detail);
		buf_addstr(out, "</failure>\n    ");
	} else if (c->status == V_WARN || c->detail) {
		buf_addstr(out, "\n      <system-out>");
		if (c->status == V_WARN) {
			buf_addstr(out, "WARN: ");
			xml(out, c->reason);
		} else {
			xml(out, c->detail);
		}
		buf_addstr(out, "</system-out>\n    ");
	}
	buf_addstr(out, "</testcase>\n");
}

static void finding(struct buf *out, const struct finding *f)
{
	char sev[16];
	size_t i;

	for (i = 0; i < sizeof(sev) - 1 && gate_severity_name(f->severity)[i]; i++)
		sev[i] = (char)(gate_severity_name(f->severity)[i] - 'a' + 'A');
	sev[i] = '\0';
	buf_addf(out, "    <testcase classname=\"mds-infra.%s.", f->tool);
	xml(out, f->path ? f->path : f->resource ? f->resource : "report");
	buf_addf(out, "\" name=\"[%s] ", sev);
	xml(out, f->rule_id);
	if (f->resource && f->path) {
		buf_addstr(out, " ");
		xml(out, f->resource);
	}
	buf_addstr(out, "\" time=\"0\">\n      <failure type=\"");
	xml(out, gate_category_name(f->category));
	buf_addstr(out, "\" message=\"");
	xml(out, f->title ? f->title : f->rule_id);
	buf_addstr(out, "\">");
	xml(out, f->path);
	if (f->start_line)
		buf_addf(out, ":%u", f->start_line);
	if (f->pkg_name) {
		buf_addstr(out, " package ");
		xml(out, f->pkg_name);
		buf_addstr(out, " ");
		xml(out, f->pkg_installed);
		if (f->pkg_fixed) {
			buf_addstr(out, ", fixed in ");
			xml(out, f->pkg_fixed);
		}
	}
	if (f->url) {
		buf_addstr(out, " ");
		xml(out, f->url);
	}
	buf_addf(out, " (fingerprint %s)</failure>\n    </testcase>\n",
		 f->fingerprint);
}

static void tool_suite(struct buf *out, const struct gate_input *in,
		       const char *tool)
{
	size_t i, n = 0;

	for (i = 0; i < in->nr; i++)
		n += in->findings[i].blocking && !strcmp(in->findings[i].tool, tool);
	if (!n)		/* Jenkins drops empty suites anyway */
		return;
	buf_addf(out, "  <testsuite name=\"mds-infra.%s\" tests=\"%zu\" "
		 "failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
		 tool, n, n);
	for (i = 0; i < in->nr; i++)
		if (in->findings[i].blocking && !strcmp(in->findings[i].tool, tool))
			finding(out, &in->findings[i]);
	buf_addstr(out, "  </testsuite>\n");
}

void gate_write_junit(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res)
{
	struct tool_counts tc[MAX_TOOLS];
	size_t nr = gate_tools_counts(tc, in), i, failed = 0;

	for (i = 0; i < res->nr_conds; i++)
		failed += res->conds[i].status == V_FAIL;
	buf_addstr(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_addf(out, "<testsuites name=\"mds-infra gate: %s\">\n",
		 gate_verdict_name(res->verdict));
	buf_addf(out, "  <testsuite name=\"mds-infra.policy\" tests=\"%zu\" "
		 "failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
		 res->nr_conds, failed);
	for (i = 0; i < res->nr_conds; i++)
		condition(out, &res->conds[i]);
	buf_addstr(out, "  </testsuite>\n");
	for (i = 0; i < nr; i++)
		tool_suite(out, in, tc[i].tool);
	buf_addstr(out, "</testsuites>\n");
}
