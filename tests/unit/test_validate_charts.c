/*
 * The values-key check: the key paths read from a module's values
 * expression (values_shape.c), what a chart version knows (chart_keys.c),
 * the problems for a module (charts.c), the version pins (pins.c), and the
 * repository's own modules against the chart files vendored in
 * tests/fixtures/charts (the pinned versions).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "hcl/hcl.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "validate/chart_keys.h"
#include "validate/charts.h"
#include "validate/pins.h"
#include "validate/report.h"
#include "validate/validate.h"
#include "validate/values_shape.h"

TestSuite(validate_charts);

#define DEMO FIXTURES "/validate-charts"

/* Every key as "a.b@LINE:COL", depth first, one per line. */
static void keys_text(struct buf *out, const struct values_key *k,
		      const char *prefix)
{
	for (size_t i = 0; i < k->nr; i++) {
		const struct values_key *c = &k->children[i];
		char *path = *prefix ? xasprintf("%s.%s", prefix, c->name) :
			xstrdup(c->name);

		buf_addf(out, "%s@%u:%u\n", path, c->line, c->col);
		keys_text(out, c, path);
		free(path);
	}
}

static char *shape_of(const char *src, const char *attr)
{
	struct hcl_file f = HCL_FILE_INIT;
	struct values_locals locals = VALUES_LOCALS_INIT;
	struct values_key root = { 0 };
	struct err err = ERR_INIT;
	const struct hcl_node *a;
	const char *file;
	struct buf out = BUF_INIT;

	cr_assert_eq(hcl_parse(&f, "m.tf", src, strlen(src), &err), 0, "%s",
		     err.msg.ptr);
	values_shape_locals_add(&locals, &f);
	a = values_shape_locals_find(&locals, attr, &file);
	cr_assert_not_null(a);
	cr_assert_eq(values_shape(&root, file, a->expr, a->expr_pos, &locals,
				  &err), 0, "%s", err.msg.ptr);
	keys_text(&out, &root, "");
	values_shape_release(&root);
	values_shape_locals_release(&locals);
	hcl_file_release(&f);
	err_release(&err);
	return out.ptr ? buf_detach(&out, NULL) : xstrdup("");
}

Test(validate_charts, shape_reads_objects_merge_branches_and_locals)
{
	char *text = shape_of(
		"locals {\n"
		"  inner = { c = 1 }\n"
		"  v = merge(\n"
		"    { a = { b = local.inner }, \"x.y\" = 2 },\n"
		"    var.on ? { d = \"${var.s}}\" } : { e = [1, { no = 1 }] },\n"
		"    { for k in var.l : k => 1 },\n"
		"    { h = <<-EOT\n"
		"      not = { a = key }\n"
		"    EOT\n"
		"    },\n"
		"  )\n"
		"}\n", "v");

	cr_assert_str_eq(text,
			 "a@4:7\n"
			 "a.b@4:13\n"
			 "a.b.c@2:13\n"
			 "x.y@4:32\n"
			 "d@5:16\n"
			 "e@5:38\n"
			 "h@7:7\n");
	free(text);
}

Test(validate_charts, shape_merges_the_same_key_from_two_branches)
{
	char *text = shape_of("locals {\n"
			      "  v = var.c ? { a = { b = 1 } } : { a = { c = 2 } }\n"
			      "}\n", "v");

	cr_assert_str_eq(text, "a@2:17\na.b@2:23\na.c@2:43\n");
	free(text);
}

Test(validate_charts, shape_of_a_local_cycle_is_an_error_not_a_hang)
{
	const char *src = "locals {\n  a = { x = local.b }\n  b = { y = local.a }\n}\n";
	struct hcl_file f = HCL_FILE_INIT;
	struct values_locals locals = VALUES_LOCALS_INIT;
	struct values_key root = { 0 };
	struct err err = ERR_INIT;
	const char *file;
	const struct hcl_node *a;

	cr_assert_eq(hcl_parse(&f, "m.tf", src, strlen(src), &err), 0);
	values_shape_locals_add(&locals, &f);
	a = values_shape_locals_find(&locals, "a", &file);
	cr_assert_eq(values_shape(&root, file, a->expr, a->expr_pos, &locals, &err),
		     ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, "too deeply"), "%s", err.msg.ptr);
	values_shape_release(&root);
	values_shape_locals_release(&locals);
	hcl_file_release(&f);
	err_release(&err);
}

static enum chart_key check(const struct chart_keys *c, const char *dotted,
			    char **why)
{
	char *copy = xstrdup(dotted), *part, *dot;
	const char *path[16];
	size_t n = 0;
	enum chart_key v;

	for (part = copy; part && n < 16; part = dot ? dot + 1 : NULL) {
		dot = strchr(part, '.');
		if (dot)
			*dot = '\0';
		path[n++] = part;
	}
	v = chart_keys_check(c, path, n, why);
	free(copy);
	return v;
}

Test(validate_charts, chart_keys_follow_schema_values_and_subcharts)
{
	struct chart_keys c = CHART_KEYS_INIT;
	struct err err = ERR_INIT;
	char *why = NULL;

	cr_assert_eq(chart_keys_load(&c, DEMO "/charts/demo/1.0.0", &err), 0,
		     "%s", err.msg.ptr);
	cr_assert_str_eq(c.name, "demo");
	cr_assert_eq(check(&c, "image.tag", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "config.anything.deeper", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "podAnnotations.free", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "dashboards.anything", &why), CHART_KEY_SUBCHART);
	cr_assert_eq(check(&c, "image.tagg", &why), CHART_KEY_UNKNOWN);
	cr_assert(strstr(why, "values.schema.json refuses it"), "%s", why);
	free(why);
	/* not listed by the schema, and not in values.yaml either */
	cr_assert_eq(check(&c, "metrics.path", &why), CHART_KEY_UNKNOWN);
	cr_assert(strstr(why, "values.yaml:7 has 'metrics' without 'path'"), "%s", why);
	free(why);
	chart_keys_release(&c);
	err_release(&err);
}

Test(validate_charts, chart_keys_without_a_schema_use_values_and_docs)
{
	struct chart_keys c = CHART_KEYS_INIT;
	struct err err = ERR_INIT;
	char *why = NULL;

	cr_assert_eq(chart_keys_load(&c, DEMO "/charts/demo-src/2.0.0", &err), 0);
	cr_assert_null(c.schema);
	cr_assert_eq(check(&c, "coordinator.cpu", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "coordinator.web.tls.enabled", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "coordinator.web.port", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "coordinator.web.tls.other", &why), CHART_KEY_UNKNOWN);
	free(why);
	cr_assert_eq(check(&c, "service.type.deeper", &why), CHART_KEY_UNKNOWN);
	free(why);
	/* keys values.yaml only shows commented out, at their indentation */
	cr_assert_eq(check(&c, "watchList", &why), CHART_KEY_KNOWN);
	cr_assert_eq(check(&c, "coordinator.watchList", &why), CHART_KEY_UNKNOWN);
	free(why);
	cr_assert_eq(check(&c, "Note", &why), CHART_KEY_UNKNOWN);
	free(why);
	chart_keys_release(&c);
	cr_assert_eq(chart_keys_load(&c, DEMO "/charts/none/1.0.0", &err),
		     ERR_NOTFOUND);
	chart_keys_release(&c);
	err_release(&err);
}

static char *report_text(const struct validate_report *r)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < r->nr; i++)
		buf_addf(&b, "%s:%u:%u: %s\n", r->items[i].file, r->items[i].line,
			 r->items[i].col, r->items[i].msg);
	return b.ptr ? buf_detach(&b, NULL) : xstrdup("");
}

Test(validate_charts, a_module_gets_one_problem_per_unknown_key)
{
	struct validate_report r = VALIDATE_REPORT_INIT;
	char *text;

	cr_assert_eq(validate_module_charts(&r, DEMO "/modules/demo",
					    DEMO "/charts"), 1);
	text = report_text(&r);
	cr_assert_str_eq(text,
			 DEMO "/modules/demo/main.tf:7:57: module " DEMO "/modules/demo: helm_release.demo sets values key 'image.tagg', which chart demo 1.0.0 does not have (" DEMO "/charts/demo/1.0.0/values.schema.json refuses it (additionalProperties false))\n"
			 DEMO "/modules/demo/main.tf:9:41: module " DEMO "/modules/demo: helm_release.demo sets values key 'metrics.path', which chart demo 1.0.0 does not have (" DEMO "/charts/demo/1.0.0/values.yaml:7 has 'metrics' without 'path')\n"
			 DEMO "/modules/demo/main.tf:13:40: module " DEMO "/modules/demo: helm_release.demo sets values key 'schemaOnly.y', which chart demo 1.0.0 does not have (" DEMO "/charts/demo/1.0.0/values.yaml has no 'schemaOnly')\n");
	free(text);
	validate_report_release(&r);
}

Test(validate_charts, the_chart_is_found_by_its_name_and_a_missing_one_is_said)
{
	struct validate_report r = VALIDATE_REPORT_INIT;
	char *text;

	cr_assert_eq(validate_module_charts(&r, DEMO "/modules/other",
					    DEMO "/charts"), 2);
	text = report_text(&r);
	cr_assert_str_eq(text,
			 DEMO "/modules/other/main.tf:2:31: module " DEMO "/modules/other: helm_release.other sets values key 'coordinator.web.bad', which chart demo 2.0.0 does not have (" DEMO "/charts/demo-src/2.0.0/values.yaml:1 has 'coordinator' without 'web')\n"
			 DEMO "/modules/other/main.tf:14:1: module " DEMO "/modules/other: no values of chart nowhere 9.9.9 under " DEMO "/charts to check helm_release.missing against\n");
	free(text);
	validate_report_release(&r);
}

/* The values-key check on this repository: every module's keys exist in
 * the chart version it pins (the files in tests/fixtures/charts). */
Test(validate_charts, the_repository_modules_set_only_keys_their_charts_have)
{
	static const char *const modules[] = {
		"airflow", "cert-manager", "dremio", "flink-operator",
		"minio", "monitoring",
	};
	struct validate_report r = VALIDATE_REPORT_INIT;
	size_t checked = 0;
	char *text;

	for (size_t i = 0; i < sizeof(modules) / sizeof(*modules); i++) {
		char *dir = xasprintf("%s/terraform/modules/%s", SOURCE_DIR,
				      modules[i]);

		checked += validate_module_charts(&r, dir, FIXTURES "/charts");
		free(dir);
	}
	text = report_text(&r);
	cr_assert_eq(checked, 6);
	cr_assert_eq(r.nr, 0, "%s", text);
	free(text);
	validate_report_release(&r);
}

Test(validate_charts, a_pin_reason_is_a_pin_comment_on_the_line_or_above)
{
	const char *text =
		"a:\n"
		"  chart_version: \"1\"  # pin: held back for X\n"
		"  # pin: the next one too\n"
		"  image_tag: \"2\"\n"
		"  other: \"# pin: in a string\"\n"
		"  x: 1 # a comment, pin: not at its start\n"
		"  y: 2\n";

	cr_assert(validate_pin_has_reason(text, 2));
	cr_assert(validate_pin_has_reason(text, 4));
	cr_assert_not(validate_pin_has_reason(text, 5));
	cr_assert_not(validate_pin_has_reason(text, 6));
	cr_assert_not(validate_pin_has_reason(text, 7));
	cr_assert_not(validate_pin_has_reason(text, 1));
}
