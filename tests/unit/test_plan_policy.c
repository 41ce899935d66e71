/*
 * plan/policy and plan/report: which resources violate the plan policy
 * (protected environments only, managed resources only, destroys and both
 * replace orders, allow globs with and without a component, mock outputs),
 * policy file errors, and the escaping of the JUnit and Markdown writers.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/policy.h"
#include "plan/report.h"
#include "util/fs.h"
#include "util/xalloc.h"

static struct plan_resource res[] = {
	{ "minio_bucket.landing", NULL, 1, PLAN_DELETE_CREATE, 0, 0, 0 },
	{ "minio_bucket.scratch_1", NULL, 1, PLAN_DELETE, 0, 0, 0 },
	{ "helm_release.x", NULL, 1, PLAN_CREATE_DELETE, 0, 0, 0 },
	{ "data.minio_policy.p", NULL, 0, PLAN_DELETE, 0, 0, 0 },
	{ "helm_release.y", NULL, 1, PLAN_UPDATE, 0, 0, 0 },
	{ "helm_release.z", NULL, 1, PLAN_CREATE, 0, 0, 0 },
};

static struct run_unit units[2];
static struct run_set set;
static struct tg_result results[2];

static void setup(void)
{
	memset(units, 0, sizeof(units));
	memset(results, 0, sizeof(results));
	units[0].name = "minio";
	units[1].name = "dremio|x";
	set.env = "prod";
	set.protected = 1;
	set.units = units;
	set.nr = 2;
	results[0].status = TG_CHANGES;
	results[0].sum.res = res;
	results[0].sum.nr_res = sizeof(res) / sizeof(res[0]);
	results[0].sum.add = 2;
	results[1].status = TG_FAILED;
	results[1].reason = "boom <&> \"x\"";
	results[1].plan_path = "/p/dremio.tfplan";
	results[0].plan_path = "/p/minio.tfplan";
	results[1].tail.ptr = "line1\nerror: <bad> & \x01worse\n";
	results[1].tail.len = strlen(results[1].tail.ptr);
}

TestSuite(plan_policy, .init = setup);

struct case_ {
	const char *allow[3];
	int protected;
	int mocks;
	size_t want;
	const char *first;
};

static const struct case_ cases[] = {
	{ { NULL }, 1, 0, 3, "minio_bucket.landing" },
	{ { NULL }, 0, 1, 0, NULL },		/* dev: nothing applies */
	{ { "minio_bucket.*" }, 1, 0, 1, "helm_release.x" },
	{ { "minio:helm_release.*", "minio_bucket.scratch_*" }, 1, 0, 1,
	  "minio_bucket.landing" },
	{ { "dremio:*" }, 1, 0, 3, "minio_bucket.landing" },	/* other component */
	{ { "*" }, 1, 1, 1, NULL },		/* only the mock rule is left */
};

Test(plan_policy, violations_by_address)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct plan_policy p;
		struct plan_violations v = PLAN_VIOLATIONS_INIT;
		size_t n = 0;

		plan_policy_default(&p);
		while (cases[i].allow[n])
			n++;
		p.allow_destroy = (char **)cases[i].allow;
		p.nr_allow = n;
		set.protected = cases[i].protected;
		results[0].used_mocks = cases[i].mocks;
		results[0].mock_reason = "dependency 'x' has unapplied output changes";
		plan_policy_check(&v, &p, &set, results);
		cr_expect_eq(v.nr, cases[i].want, "case %zu: %zu violations", i, v.nr);
		if (cases[i].first && v.nr)
			cr_expect_str_eq(v.v[0].address, cases[i].first, "case %zu", i);
		if (cases[i].mocks && cases[i].protected)
			cr_expect_str_eq(v.v[v.nr - 1].rule, "deny_mock_outputs");
		p.allow_destroy = NULL;
		p.nr_allow = 0;
		plan_policy_release(&p);
		plan_violations_release(&v);
	}
}

Test(plan_policy, environments_list_overrides_the_stack)
{
	struct plan_policy p;
	char *envs[] = { "staging" };

	plan_policy_default(&p);
	cr_expect(plan_policy_protects(&p, &set));
	p.environments = envs;
	p.nr_envs = 1;
	cr_expect(!plan_policy_protects(&p, &set));
	set.env = "staging";
	set.protected = 0;
	cr_expect(plan_policy_protects(&p, &set));
	p.environments = NULL;
	p.nr_envs = 0;
	plan_policy_release(&p);
}

struct file_case {
	const char *yaml;
	int code;
	const char *message;
};

static const struct file_case file_cases[] = {
	{ "version: 1\nprotected: {allow_destroy: [a.b]}\n", 0, NULL },
	{ "version: 2\n", ERR_INPUT, "p.yaml:1:10" },
	{ "protected: {}\n", ERR_INPUT, "missing 'version: 1'" },
	{ "version: 1\nprotected: {deny_destroy: perhaps}\n", ERR_INPUT, "p.yaml:2:" },
	{ "version: 1\nprotected: {allow_destroy: a}\n", ERR_INPUT, "allow_destroy" },
	{ "version: 1\nenvs: [prod]\n", ERR_INPUT, "unknown key 'envs'" },
};

Test(plan_policy, policy_files)
{
	char dir[] = "/tmp/mds-policy-XXXXXX", path[64];
	size_t i;

	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.yaml", dir);
	for (i = 0; i < sizeof(file_cases) / sizeof(file_cases[0]); i++) {
		struct plan_policy p;
		struct err err = ERR_INIT;
		int ret;

		cr_assert_eq(fs_write_atomic(path, file_cases[i].yaml,
					     strlen(file_cases[i].yaml), 0644, &err), 0);
		ret = plan_policy_load(&p, path, &err);
		cr_expect_eq(ret, file_cases[i].code, "case %zu: %d %s", i, ret,
			     err.msg.ptr);
		if (file_cases[i].message)
			cr_expect(strstr(err.msg.ptr, file_cases[i].message),
				  "case %zu: %s", i, err.msg.ptr);
		else
			cr_expect_eq(p.nr_allow, 1);
		plan_policy_release(&p);
		err_release(&err);
	}
	unlink(path);
	rmdir(dir);
}

Test(plan_policy, junit_and_markdown_escape)
{
	struct plan_report rep = { &set, results, NULL, NULL, 1 };
	struct buf x = BUF_INIT, md = BUF_INIT, js = BUF_INIT;

	plan_report_junit(&x, &rep);
	cr_expect(strstr(x.ptr, "message=\"boom &lt;&amp;&gt; &quot;x&quot;\""), "%s", x.ptr);
	cr_expect(strstr(x.ptr, "error: &lt;bad&gt; &amp; \xef\xbf\xbdworse"), "%s", x.ptr);
	cr_expect(strstr(x.ptr, "tests=\"2\" failures=\"1\""), "%s", x.ptr);
	cr_expect(strstr(x.ptr, "name=\"dremio|x\""), "%s", x.ptr);
	plan_report_markdown(&md, &rep);
	cr_expect(strstr(md.ptr, "| dremio\\|x | **failed** |"), "%s", md.ptr);
	plan_report_json(&js, &rep);
	cr_expect(strstr(js.ptr, "\"plan_file\": \"minio.tfplan\""), "%s", js.ptr);
	cr_expect(strstr(js.ptr, "\"plan_file\": null"), "%s", js.ptr);
	cr_expect(strstr(js.ptr, "\"add\": 2"), "%s", js.ptr);
	buf_release(&x);
	buf_release(&md);
	buf_release(&js);
}
