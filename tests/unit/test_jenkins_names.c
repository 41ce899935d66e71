/*
 * A job as people paste it: URLs of jobs, builds and multibranch branches
 * turned into job paths (the inverse of jenkins_job_url).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "net/jenkins.h"

TestSuite(jenkins_names);

Test(jenkins_names, urls_become_job_paths_and_build_numbers)
{
	static const struct { const char *text, *job; long number; } cases[] = {
		{ "platform/mds-infra/main", "platform/mds-infra/main", -1 },
		{ "https://ci.example/job/a/job/b/", "a/b", -1 },
		{ "https://ci.example/job/a/job/b", "a/b", -1 },
		{ "http://ci.example/jenkins/job/a/job/b/42/", "a/b", 42 },
		{ "https://ci.example/job/a/job/b/42/console", "a/b", 42 },
		{ "https://ci.example/job/a/job/b/lastBuild/", "a/b", -1 },
		{ "https://ci.example/job/repo/job/feature%252Fx/", "repo/feature%2Fx", -1 },
		{ "https://ci.example/job/my%20app/7", "my app", 7 },
		{ "https://ci.example/job/a/?foo=1", "a", -1 },
		{ "https://ci.example/job/a/job/b/#x", "a/b", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err err = ERR_INIT;
		char *job = NULL;
		long n = 0;

		cr_assert_eq(jenkins_job_from_text(&job, &n, cases[i].text, &err), 0,
			     "%s: %s", cases[i].text, err.msg.ptr);
		cr_assert_str_eq(job, cases[i].job, "%s", cases[i].text);
		cr_assert_eq(n, cases[i].number, "%s: %ld", cases[i].text, n);
		free(job);
	}
}

Test(jenkins_names, a_url_without_a_job_is_refused)
{
	static const char *const bad[] = {
		"https://ci.example/view/all/", "https://ci.example/", "http://x/job/",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct err err = ERR_INIT;
		char *job = NULL;
		long n;

		cr_assert_eq(jenkins_job_from_text(&job, &n, bad[i], &err), ERR_INPUT,
			     "%s", bad[i]);
		cr_assert_null(job);
		err_release(&err);
	}
}

Test(jenkins_names, url_round_trips_through_jenkins_job_url)
{
	static const char *const jobs[] = { "a", "x/y/z", "repo/feature%2Fx", "sp ace" };
	size_t i;

	for (i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++) {
		struct buf url = BUF_INIT;
		struct err err = ERR_INIT;
		char *job = NULL;
		long n;

		cr_assert_eq(jenkins_job_url(&url, "https://ci.example/ctx", jobs[i], &err), 0);
		buf_addstr(&url, "/");
		cr_assert_eq(jenkins_job_from_text(&job, &n, url.ptr, &err), 0, "%s", url.ptr);
		cr_assert_str_eq(job, jobs[i]);
		free(job);
		buf_release(&url);
	}
}
