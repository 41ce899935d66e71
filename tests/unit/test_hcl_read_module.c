/*
 * The module interface (hcl_module_load) on fixture modules and on the
 * repository's own modules, and the README tables built from it
 * (hcl_readme_update).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "hcl/hcl.h"
#include "hcl/readme.h"
#include "util/buf.h"

#define MODS FIXTURES "/hcl/modules"

static void load_ok(struct hcl_module *m, const char *dir)
{
	struct err err = ERR_INIT;

	cr_assert_eq(hcl_module_load(m, dir, &err), 0, "%s: %s", dir, err.msg.ptr);
	err_release(&err);
}

Test(hcl_read_module, variables_and_outputs_of_a_module)
{
	struct hcl_module m = HCL_MODULE_INIT;
	const struct hcl_variable *v;
	const struct hcl_output *o;

	load_ok(&m, MODS "/good");
	cr_assert_eq(m.nr_vars, 4);
	cr_assert_eq(m.nr_outputs, 2);
	/* files in name order (outputs.tf before variables.tf), source order within */
	cr_expect_str_eq(m.outputs[0].name, "endpoint");
	cr_expect_str_eq(m.vars[0].name, "required_name");
	cr_expect_str_eq(m.vars[3].name, "untyped");

	v = hcl_module_variable(&m, "required_name");
	cr_assert_not_null(v);
	cr_expect_eq(v->has_default, 0);
	cr_expect_null(v->default_expr);
	cr_expect_str_eq(v->type, "string");
	cr_expect_str_eq(v->description, "A required input.");
	cr_expect_str_eq(v->file, MODS "/good/variables.tf");
	cr_expect_eq(v->pos.line, 1);
	cr_expect_eq(v->pos.col, 1);
	cr_expect_eq(v->nullable, 1);

	v = hcl_module_variable(&m, "with_default");
	cr_expect_eq(v->has_default, 1);
	cr_expect_str_eq(v->default_expr, "[]");
	cr_expect_str_eq(v->type, "list(object({ a = string }))");
	cr_expect_str_eq(v->description, "Over two\nlines.\n");
	cr_expect_eq(v->nr_validations, 2);
	cr_expect_eq(v->pos.line, 6);

	v = hcl_module_variable(&m, "secret");
	cr_expect_eq(v->sensitive, 1);
	cr_expect_eq(v->nullable, 0);
	cr_expect_eq(v->has_default, 1, "default = null is still a default");
	cr_expect_str_eq(v->default_expr, "null");

	v = hcl_module_variable(&m, "untyped");
	cr_expect_null(v->type);
	cr_expect_null(v->description);
	cr_expect_null(hcl_module_variable(&m, "variable"), "a locals attribute is no variable");
	cr_expect_null(hcl_module_variable(&m, "nope"));

	o = hcl_module_output(&m, "endpoint");
	cr_expect_str_eq(o->description, "Where it | listens.");
	cr_expect_eq(o->sensitive, 0);
	o = hcl_module_output(&m, "key");
	cr_expect_eq(o->sensitive, 1);
	cr_expect_null(o->description);
	cr_expect_null(hcl_module_output(&m, "required_name"));
	hcl_module_release(&m);
	hcl_module_release(&m);	/* released twice: still safe */
}

struct bad_module {
	const char *dir;
	int code;
	const char *msg;
};

Test(hcl_read_module, broken_modules)
{
	static const struct bad_module cases[] = {
		{ MODS "/dup-var", ERR_INPUT,
		  MODS "/dup-var/b.tf:3:1: variable 'a' declared twice (first at " MODS "/dup-var/a.tf:1:1)" },
		{ MODS "/bad-syntax", ERR_INPUT, MODS "/bad-syntax/variables.tf:1:14: unclosed block" },
		{ MODS "/bad-label", ERR_INPUT,
		  MODS "/bad-label/variables.tf:1:1: a variable block takes exactly one label (its name), found 2" },
		{ MODS "/bad-sensitive", ERR_INPUT,
		  MODS "/bad-sensitive/outputs.tf:3:15: 'sensitive' must be true or false, not \"yes\"" },
		{ MODS "/empty", ERR_NOTFOUND, "holds no .tf file" },
		{ MODS "/absent", ERR_NOTFOUND, "cannot open module directory" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hcl_module m = HCL_MODULE_INIT;
		struct err err = ERR_INIT;

		cr_expect_eq(hcl_module_load(&m, cases[i].dir, &err), cases[i].code, "%s", cases[i].dir);
		cr_expect_not_null(strstr(err.msg.ptr, cases[i].msg), "%s: got '%s'", cases[i].dir, err.msg.ptr);
		cr_expect_eq(m.nr_vars + m.nr_outputs, 0, "nothing kept on error");
		err_release(&err);
		hcl_module_release(&m);
	}
}

/* docs/style.md "Terraform modules", checked on the real modules through the reader. */
Test(hcl_read_module, repository_modules_follow_the_style_guide)
{
	static const char *const mods[] = { "minio", "minio-config", "dremio", "airflow",
					    "cert-manager", "flink-operator", "flink-jobs", "monitoring" };

	for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		struct hcl_module m = HCL_MODULE_INIT;
		struct buf dir = BUF_INIT;

		buf_addf(&dir, "%s/terraform/modules/%s", SOURCE_DIR, mods[i]);
		load_ok(&m, dir.ptr);
		cr_expect_gt(m.nr_vars, 0, "%s", mods[i]);
		cr_expect_gt(m.nr_outputs, 0, "%s", mods[i]);
		for (size_t v = 0; v < m.nr_vars; v++) {
			const struct hcl_variable *x = &m.vars[v];
			size_t len = strlen(x->name);
			/* a key or password itself, not the name of a Secret holding one */
			int by_name = (len > 5 && !strcmp(x->name + len - 5, "_name")) ||
				      (len > 7 && !strcmp(x->name + len - 7, "_secret"));
			int secret = !by_name && (strstr(x->name, "access_key") ||
				     strstr(x->name, "secret_key") || strstr(x->name, "password"));

			cr_expect_not_null(x->type, "%s: variable %s has no type", mods[i], x->name);
			cr_expect(x->description && strlen(x->description) > 10,
				  "%s: variable %s needs a description", mods[i], x->name);
			cr_expect(!secret || x->sensitive, "%s: %s must be sensitive", mods[i], x->name);
			cr_expect(!secret || !x->has_default, "%s: %s must have no default", mods[i], x->name);
		}
		for (size_t o = 0; o < m.nr_outputs; o++) {
			const struct hcl_output *x = &m.outputs[o];
			int secret = strstr(x->name, "access_key") || strstr(x->name, "secret_key");

			cr_expect(x->description && strlen(x->description) > 10,
				  "%s: output %s needs a description", mods[i], x->name);
			cr_expect(!secret || x->sensitive, "%s: output %s must be sensitive", mods[i], x->name);
		}
		hcl_module_release(&m);
		buf_release(&dir);
	}
}

static void update(struct buf *out, const char *old, const struct hcl_module *m)
{
	struct err err = ERR_INIT;

	cr_assert_eq(hcl_readme_update(out, "R.md", old, old ? strlen(old) : 0, m, &err), 0, "%s", err.msg.ptr);
	err_release(&err);
}

Test(hcl_read_module, readme_tables)
{
	struct hcl_module m = HCL_MODULE_INIT;
	struct buf section = BUF_INIT, out = BUF_INIT, again = BUF_INIT;

	load_ok(&m, MODS "/good");
	hcl_readme_section(&section, &m);
	/* required first, then by name; pipes escaped; multi-line text folded */
	cr_expect_str_eq(section.ptr,
		HCL_README_BEGIN "\n"
		"## Inputs\n\n"
		"| Name | Description | Type | Default | Required |\n"
		"|------|-------------|------|---------|:--------:|\n"
		"| `required_name` | A required input. | `string` | n/a | yes |\n"
		"| `untyped` |  | `any` | n/a | yes |\n"
		"| `secret` |  | `string` | `null` | no |\n"
		"| `with_default` | Over two lines. | `list(object({ a = string }))` | `[]` | no |\n"
		"\n## Outputs\n\n"
		"| Name | Description | Sensitive |\n"
		"|------|-------------|:---------:|\n"
		"| `endpoint` | Where it \\| listens. | no |\n"
		"| `key` |  | yes |\n"
		HCL_README_END "\n");

	update(&out, NULL, &m);
#define TITLED "# good\n\n" HCL_README_BEGIN
	cr_expect_eq(strncmp(out.ptr, TITLED, strlen(TITLED)), 0, "%s", out.ptr);

	buf_reset(&out);
	update(&out, "# Title\n\nText kept.", &m);
#define KEPT "# Title\n\nText kept.\n\n" HCL_README_BEGIN
	cr_expect_eq(strncmp(out.ptr, KEPT, strlen(KEPT)), 0, "%s", out.ptr);

	/* stale table between markers replaced; text around kept byte for byte */
	buf_reset(&out);
	update(&out, "intro\n" HCL_README_BEGIN "\nold table\n" HCL_README_END "  \noutro\n", &m);
	buf_addstr(&again, "intro\n");
	buf_addstr(&again, section.ptr);
	buf_addstr(&again, "outro\n");
	cr_expect_str_eq(out.ptr, again.ptr);

	/* idempotent */
	buf_reset(&again);
	update(&again, out.ptr, &m);
	cr_expect_str_eq(again.ptr, out.ptr);

	buf_release(&section);
	buf_release(&out);
	buf_release(&again);
	hcl_module_release(&m);
}

Test(hcl_read_module, readme_with_broken_markers)
{
	static const struct { const char *old, *msg; } cases[] = {
		{ "a\n" HCL_README_BEGIN "\nb\n", "R.md:2: '" HCL_README_BEGIN "' without a matching" },
		{ "a\n\n" HCL_README_END "\n", "R.md:3: '" HCL_README_END "' without a matching" },
		{ HCL_README_END "\n" HCL_README_BEGIN "\n", "R.md:2: '" HCL_README_BEGIN "' without" },
		{ HCL_README_BEGIN "\n" HCL_README_END "\n" HCL_README_BEGIN "\n" HCL_README_END "\n",
		  "R.md:3: a second" },
		{ HCL_README_BEGIN "\n" HCL_README_END "\nmine\n" HCL_README_END "\n",
		  "R.md:4: a second '" HCL_README_END "'" },
	};
	struct hcl_module m = HCL_MODULE_INIT;

	load_ok(&m, MODS "/good");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = BUF_INIT;
		struct err err = ERR_INIT;

		cr_expect_eq(hcl_readme_update(&out, "R.md", cases[i].old, strlen(cases[i].old), &m, &err),
			     ERR_INPUT, "case %zu", i);
		cr_expect_not_null(strstr(err.msg.ptr, cases[i].msg), "case %zu: '%s'", i, err.msg.ptr);
		buf_release(&out);
		err_release(&err);
	}
	hcl_module_release(&m);
}
