#ifndef GATE_SONAR_FETCH_H
#define GATE_SONAR_FETCH_H

/*
 * SonarQube's Web API for the gate: what `gate --sonar` fetches, on the one
 * HTTP layer (net/http.c), read by the same streaming readers as saved
 * responses (gate_read_mem), so a live server and saved files give the same
 * findings.
 *
 *   - with a Compute Engine task (report-task.txt's ceTaskId): wait for
 *     api/ce/task to finish and judge that analysis (analysisId);
 *   - api/qualitygates/project_status (analysisId, else projectKey with
 *     branch or pullRequest);
 *   - api/issues/search?resolved=false and api/hotspots/search?status=
 *     TO_REVIEW, 500 a page, every page.  SonarQube answers at most 10,000
 *     results per query (HTTP 400 past that): a larger issue query is split
 *     by severity, then by creation-date windows, until every part fits, and
 *     the parts must add up to the whole.  The result is exact or an error,
 *     never truncated.
 *
 * The token authenticates as HTTP Basic with the token as user and an empty
 * password (what SonarSource's own clients send; every server version takes
 * it); it is never put in a URL or a message.
 */
#include "gate/finding.h"
#include "util/err.h"

/* One line of progress ("issues: 4,500/12,000"), for stderr. */
typedef void sonar_progress_fn(void *data, const char *line);

struct sonar_query {
	const char *url;	/* server root */
	const char *token;	/* borrowed; NULL: anonymous */
	const char *project;	/* project key */
	const char *branch, *pull_request;	/* optional */
	const char *ce_task;	/* optional: wait for this analysis */
	long wait_ms;		/* how long to wait for it (default 300 s) */
	long poll_ms;		/* the first wait between two looks (default 1 s) */
	const struct http_options *http;	/* NULL: http_options_defaults */
	sonar_progress_fn *progress;	/* optional */
	void *progress_data;
};

/*
 * Fetches into `in`.  ERR_NETWORK when the server cannot be reached after
 * retries, ERR_ENV when it refuses (401, 403), the analysis failed or a
 * query cannot be split to fit the cap, ERR_NOTFOUND for an unknown project
 * or task, ERR_INPUT for a response that is no SonarQube answer.
 */
int sonar_fetch(struct gate_input *in, const struct sonar_query *q,
		struct err *err);

#endif
