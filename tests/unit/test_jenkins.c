#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/jenkins.h"
#include "util/fs.h"

TestSuite(jenkins);

static struct buf corpus(const char *rel)
{
	struct buf b = BUF_INIT;
	struct err err = ERR_INIT;
	char path[512];

	snprintf(path, sizeof(path), "%s/corpus/jenkins/%s", SHARED_DIR, rel);
	cr_assert_eq(fs_read_file(&b, path, &err), 0, "%s", err.msg.ptr);
	err_release(&err);
	return b;
}

Test(jenkins, job_url_encodes_each_segment_once)
{
	static const struct { const char *job, *url; } cases[] = {
		{ "app", "B/job/app" },
		{ "platform/mds-infra/main", "B/job/platform/job/mds-infra/job/main" },
		{ "repo/feature%2Fx", "B/job/repo/job/feature%252Fx" },
		{ "Test Workflow", "B/job/Test%20Workflow" },
		{ "a#b?c", "B/job/a%23b%3Fc" },
		{ "keep!@$&*()-_=+',.", "B/job/keep!@$&*()-_=+',." },
		{ "\xc3\xbc", "B/job/%C3%BC" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		struct err err = ERR_INIT;

		cr_assert_eq(jenkins_job_url(&b, "B", cases[i].job, &err), 0);
		cr_assert_str_eq(b.ptr, cases[i].url);
		buf_release(&b);
		err_release(&err);
	}
}

Test(jenkins, job_url_rejects_bad_paths)
{
	static const char *const bad[] = { "", "a//b", "/a", "a/", "a/../b", "." };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf b = BUF_INIT;
		struct err err = ERR_INIT;

		cr_assert_eq(jenkins_job_url(&b, "B", bad[i], &err), ERR_INPUT,
			     "'%s'", bad[i]);
		buf_release(&b);
		err_release(&err);
	}
}

Test(jenkins, queue_id_from_location_ignores_the_host)
{
	static const struct { const char *loc; long q; } cases[] = {
		{ "http://127.0.0.1:8080/queue/item/4711/", 4711 },
		{ "http://jenkins-internal:8080/jenkins/queue/item/7/", 7 },
		{ "https://ci.example.com/queue/item/12", 12 },
		{ "/queue/item/3/", 3 },
		{ "http://x/job/a/", -1 }, { "http://x/queue/item//", -1 },
		{ "http://x/queue/item/12/api/json", -1 }, { NULL, -1 },
		{ "http://x/queue/item/99999999999999999999/", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(jenkins_queue_id_from_location(cases[i].loc), cases[i].q,
			     "%s", cases[i].loc ? cases[i].loc : "(null)");
}

Test(jenkins, log_clean_undoes_crlf_and_strips_console_notes)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "a\r\nb\r\n", "a\nb\n" },
		{ "\x1b[8mha:AAAA==\x1b[0m[Pipeline] stage\r\n", "[Pipeline] stage\n" },
		{ "x \x1b[8mha:Zm9v\x1b[0m\r\ny\r\n", "x \ny\n" },
		{ "\x1b[31mred\x1b[0m\r\n", "\x1b[31mred\x1b[0m\n" },	/* colours stay */
		{ "lone\rcr\r\n", "lone\rcr\n" },
		{ "\xe6\x97\xa5\xe6\x9c\xac\r\n", "\xe6\x97\xa5\xe6\x9c\xac\n" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		jenkins_log_clean(&b, cases[i].in, strlen(cases[i].in));
		cr_assert_str_eq(b.ptr, cases[i].out, "case %zu", i);
		buf_release(&b);
	}
}

Test(jenkins, job_parameter_definitions_from_the_corpus)
{
	struct buf b = corpus("build/jenkins-rest_job-info.json");
	struct jenkins_job job = JENKINS_JOB_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(jenkins_job_parse(&job, b.ptr, b.len, &err), 0);
	cr_assert(job.has_params);
	cr_assert_eq(job.nr_params, 2);
	cr_assert_str_eq(job.params[0].name, "bear");
	cr_assert_str_eq(job.params[0].type, "BooleanParameterDefinition");
	cr_assert_str_eq(job.params[0].def, "true");
	cr_assert_str_eq(job.params[1].def, "salmon");
	jenkins_job_release(&job);
	buf_release(&b);
	err_release(&err);
}

static void check_params(const struct jenkins_job *job, char *kv, int want,
			 const char *msg)
{
	struct jenkins_param p;
	struct err err = ERR_INIT;

	cr_assert_eq(jenkins_param_split(&p, kv, &err), 0);
	cr_assert_eq(jenkins_params_check(job, &p, 1, &err), want, "%s", kv);
	if (msg)
		cr_assert(strstr(err.msg.ptr, msg), "%s", err.msg.ptr);
	err_release(&err);
}

Test(jenkins, parameters_are_validated_against_definitions)
{
	static const char json[] =
		"{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowJob\","
		"\"property\":[{},{\"parameterDefinitions\":["
		"{\"name\":\"ENV\",\"type\":\"ChoiceParameterDefinition\","
		" \"defaultParameterValue\":{\"value\":\"dev\"},\"choices\":[\"dev\",\"prod\"]},"
		"{\"name\":\"DRY\",\"type\":\"BooleanParameterDefinition\"},"
		"{\"name\":\"CFG\",\"type\":\"FileParameterDefinition\"}]}]}";
	static const struct { const char *kv; int want; const char *msg; } cases[] = {
		{ "ENV=prod", 0, NULL },
		{ "ENV=qa", ERR_INPUT, "not one of the choices" },
		{ "EMV=dev", ERR_INPUT, "did you mean 'ENV'" },
		{ "DRY=true", 0, NULL }, { "DRY=1", ERR_INPUT, "true or false" },
		{ "CFG=/x", ERR_INPUT, "file parameter" },
		{ "ENV=@/etc/hostname", ERR_INPUT, "not a file parameter" },
		{ "CFG=@/nonexistent/file", ERR_INPUT, "cannot read" },
	};
	struct jenkins_job job = JENKINS_JOB_INIT;
	struct err err = ERR_INIT;
	size_t i;

	cr_assert_eq(jenkins_job_parse(&job, json, strlen(json), &err), 0);
	cr_assert(job.pipeline);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *kv = strdup(cases[i].kv);

		check_params(&job, kv, cases[i].want, cases[i].msg);
		free(kv);
	}
	jenkins_job_release(&job);
	err_release(&err);
}

Test(jenkins, repeated_and_unwanted_parameters)
{
	static const char none[] = "{\"_class\":\"hudson.model.FreeStyleProject\",\"property\":[]}";
	struct jenkins_job job = JENKINS_JOB_INIT;
	struct jenkins_param p[2] = { { "A", "1", 0 }, { "A", "2", 0 } };
	struct err err = ERR_INIT;
	char bad[] = "novalue";

	cr_assert_eq(jenkins_job_parse(&job, none, strlen(none), &err), 0);
	cr_assert_not(job.has_params);
	cr_assert_eq(jenkins_params_check(&job, p, 1, &err), ERR_INPUT);
	cr_assert(strstr(err.msg.ptr, "takes no parameters"));
	cr_assert_eq(jenkins_params_check(&job, p, 0, &err), 0);
	err_clear(&err);
	job.has_params = 1;
	job.nr_params = 0;
	cr_assert_eq(jenkins_params_check(&job, p, 2, &err), ERR_INPUT);
	err_clear(&err);
	cr_assert_eq(jenkins_param_split(&p[0], bad, &err), ERR_USAGE);
	jenkins_job_release(&job);
	err_release(&err);
}

Test(jenkins, queue_items_from_the_corpus)
{
	static const struct { const char *file; int left, cancelled; long number;
			      const char *why; } cases[] = {
		{ "queue/jenkins-rest_queueItemPending.json", 0, 0, -1,
		  "Build #9 is already in progress" },
		{ "queue/jenkins-rest_queueItemRunning.json", 1, 0, 14, NULL },
		{ "queue/jenkins-rest_queueItemCancelled.json", 1, 1, -1, NULL },
		{ "queue/python-jenkins_LeftItem_executable.json", 1, 0, 198, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = corpus(cases[i].file);
		struct jenkins_queue_item q = JENKINS_QUEUE_ITEM_INIT;
		struct err err = ERR_INIT;

		cr_assert_eq(jenkins_queue_parse(&q, b.ptr, b.len, &err), 0);
		cr_assert_eq(q.left, cases[i].left, "%s", cases[i].file);
		cr_assert_eq(q.cancelled, cases[i].cancelled, "%s", cases[i].file);
		cr_assert_eq(q.number, cases[i].number, "%s", cases[i].file);
		if (cases[i].why)
			cr_assert(q.why && strstr(q.why, cases[i].why), "%s", cases[i].file);
		jenkins_queue_item_release(&q);
		buf_release(&b);
		err_release(&err);
	}
}

Test(jenkins, builds_from_the_corpus)
{
	struct buf b = corpus("build/jenkins-rest_build-info.json");
	struct jenkins_build build = JENKINS_BUILD_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(jenkins_build_parse(&build, b.ptr, b.len, &err), 0);
	cr_assert_str_eq(build.result, "SUCCESS");
	cr_assert(jenkins_build_finished(&build));
	cr_assert_not(jenkins_result_failed(build.result));
	cr_assert(jenkins_result_failed("UNSTABLE"));
	cr_assert(jenkins_result_failed("NOT_BUILT"));
	cr_assert(jenkins_result_failed(NULL));
	jenkins_build_release(&build);
	buf_release(&b);
	err_release(&err);
}

Test(jenkins, building_with_an_early_result_is_not_finished)
{
	static const char json[] = "{\"number\":3,\"building\":true,\"result\":\"UNSTABLE\"}";
	struct jenkins_build build = JENKINS_BUILD_INIT;
	struct err err = ERR_INIT;

	cr_assert_eq(jenkins_build_parse(&build, json, strlen(json), &err), 0);
	cr_assert_not(jenkins_build_finished(&build));
	jenkins_build_release(&build);
	cr_assert_eq(jenkins_build_parse(&build, "{not json", 9, &err), ERR_NETWORK);
	err_release(&err);
}

Test(jenkins, stage_view_and_pending_inputs_from_the_corpus)
{
	struct buf b = corpus("wfapi/stage-view-README_run_describe.json");
	struct buf in = corpus("input/stage-view-README_pendingInputActions.json");
	struct jenkins_run run = JENKINS_RUN_INIT;
	struct jenkins_input *inputs = NULL;
	struct err err = ERR_INIT;
	size_t nr = 0;

	cr_assert_eq(jenkins_run_parse(&run, b.ptr, b.len, &err), 0);
	cr_assert_str_eq(run.status, "PAUSED_PENDING_INPUT");
	cr_assert_eq(run.nr_stages, 3);
	cr_assert_str_eq(run.stages[2].name, "Deploy");
	cr_assert_str_eq(run.stages[2].id, "10");
	cr_assert_eq(run.stages[0].duration_ms, 5228);
	cr_assert_eq(jenkins_inputs_parse(&inputs, &nr, in.ptr, in.len, &err), 0);
	cr_assert_eq(nr, 1);
	cr_assert_str_eq(inputs[0].id, "Ef95dd500ae6ed3b27b89fb852296d12");
	cr_assert_str_eq(inputs[0].message, "Is the build okay?");
	cr_assert_eq(inputs[0].nr_params, 0);
	jenkins_inputs_free(inputs, nr);
	jenkins_run_release(&run);
	buf_release(&b);
	buf_release(&in);
	err_release(&err);
}

Test(jenkins, input_parameters_from_the_corpus)
{
	struct buf b = corpus("input/stage-view_pendingInputAction_input-model-01.json");
	struct jenkins_input *inputs = NULL;
	struct err err = ERR_INIT;
	size_t nr = 0;

	cr_assert_eq(jenkins_inputs_parse(&inputs, &nr, b.ptr, b.len, &err), 0);
	cr_assert_eq(nr, 1);
	cr_assert_str_eq(inputs[0].id, "Run-test-suites");
	cr_assert_str_eq(inputs[0].proceed_text, "Okay");
	cr_assert_eq(inputs[0].nr_params, 5);
	cr_assert_str_eq(inputs[0].params[0].def, "true");
	cr_assert_str_eq(inputs[0].params[1].def, "false");
	cr_assert_str_eq(inputs[0].params[2].name, "Enter some text");
	cr_assert_str_eq(inputs[0].params[2].def, "Hello");
	cr_assert_eq(inputs[0].params[4].nr_choices, 3);
	cr_assert_str_eq(inputs[0].params[4].def, "Choice 1");
	jenkins_inputs_free(inputs, nr);
	buf_release(&b);
	err_release(&err);
}
