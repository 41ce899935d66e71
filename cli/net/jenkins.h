#ifndef NET_JENKINS_H
#define NET_JENKINS_H

/*
 * The Jenkins remote API (contracts/JENKINS_API.md), on net/http.h and
 * jansson.  Everything here returns models or errors; nothing prints.
 *
 * Errors: ERR_NOTFOUND (404: job, build or queue item missing -> exit 2),
 * ERR_INPUT (bad parameters -> exit 2), ERR_CONFLICT (refused: disabled job,
 * cancelled item -> exit 1), ERR_ENV (401/403: authentication or permission
 * refused -> exit 3), ERR_NETWORK (unreachable or 5xx after retries -> 3).
 */
#include <stddef.h>

#include "net/http.h"
#include "util/buf.h"
#include "util/err.h"

struct jenkins_conf {
	char *url;	/* base URL incl. context path, no trailing '/' */
	char *user;	/* NULL: none, or from ~/.netrc */
	char *token;	/* API token or password; never printed */
};

#define JENKINS_CONF_INIT { NULL, NULL, NULL }

/* (filled from JENKINS_URL, JENKINS_USER_ID, JENKINS_API_TOKEN by
 * cmd_jenkins_conf in cmd/envconf.h) */
void jenkins_conf_release(struct jenkins_conf *c);

struct jenkins {
	struct http_client *http;
	char *base;
	char *user;	/* owned; the client borrows them */
	char *token;
	char *crumb_field;	/* NULL until fetched */
	char *crumb;
	int crumbs_off;		/* crumbIssuer answered 404 */
};

/* `opts` user/password are taken from `conf`. */
int jenkins_open(struct jenkins **out, const struct jenkins_conf *conf,
		 const struct http_options *opts, struct err *err);
void jenkins_free(struct jenkins *j);

/*
 * "folder/sub/app" -> "<base>/job/folder/job/sub/job/app": each segment is
 * an item name (a multibranch branch is named "feature%2Fx", as Jenkins
 * names it) percent-encoded once as Util.rawEncode does.  Fails with
 * ERR_INPUT on an empty path or segment.
 */
int jenkins_job_url(struct buf *out, const char *base, const char *job,
		    struct err *err);
/*
 * A job as the user gave it: a path ("folder/app") is kept as it is; a
 * pasted URL (https://ci/job/folder/job/app/ or .../app/42/) becomes the
 * path of item names (each URL segment decoded once), and *number the build
 * in it or -1.  Caller frees *job.  ERR_INPUT for a URL without /job/.
 */
int jenkins_job_from_text(char **job, long *number, const char *text,
			  struct err *err);
/*
 * After a 404: walks `job` down from the root, listing each folder, and at
 * the first segment that is not there sets *out to the path with that
 * segment replaced by its closest sibling (caller frees), or NULL when
 * every segment exists or none is close.
 */
int jenkins_job_suggest(char **out, struct jenkins *j, const char *job,
			struct err *err);

/* Queue id from a Location header (host ignored), or -1. */
long jenkins_queue_id_from_location(const char *location);

struct jenkins_param_def {
	char *name;
	char *type;	/* the definition's _class or "type" */
	char *def;	/* default value as text, or NULL */
	char **choices;
	size_t nr_choices;
};

struct jenkins_job {
	char *cls;
	int buildable;
	int pipeline;
	struct jenkins_param_def *params;
	size_t nr_params;
	int has_params;	/* a ParametersDefinitionProperty exists */
};

#define JENKINS_JOB_INIT { NULL, 0, 0, NULL, 0, 0 }

int jenkins_job_parse(struct jenkins_job *out, const char *json, size_t len,
		      struct err *err);
int jenkins_job_get(struct jenkins_job *out, struct jenkins *j,
		    const char *job, struct err *err);
void jenkins_job_release(struct jenkins_job *job);

/* One -p NAME=VALUE (VALUE "@path" is a file for a file parameter). */
struct jenkins_param {
	const char *name;	/* points into `raw` copy owned by caller */
	const char *value;
	int is_file;
};

/* Splits "K=V" into `out` (pointers into the caller's `kv`, which must be
 * writable and stay alive). */
int jenkins_param_split(struct jenkins_param *out, char *kv, struct err *err);
/*
 * Checks parameters against the job's definitions, because Jenkins
 * silently ignores unknown names: unknown names (with a suggestion),
 * repeats, choices not offered, non-boolean values for booleans, files for
 * non-file parameters and the reverse, parameters for a job without any.
 */
int jenkins_params_check(const struct jenkins_job *job,
			 const struct jenkins_param *p, size_t nr,
			 struct err *err);

/* Triggers; *queue_id gets Q from Location (201 new, 303 duplicate). */
int jenkins_trigger(long *queue_id, struct jenkins *j, const char *job,
		    const struct jenkins_job *def,
		    const struct jenkins_param *p, size_t nr, struct err *err);

struct jenkins_queue_item {
	int left;	/* LeftItem */
	int cancelled;
	int stuck;
	long number;	/* -1 while unknown */
	char *why;	/* NULL when none */
};

#define JENKINS_QUEUE_ITEM_INIT { 0, 0, 0, -1, NULL }

int jenkins_queue_parse(struct jenkins_queue_item *out, const char *json,
			size_t len, struct err *err);
/* ERR_NOTFOUND when the item is gone (left >5 min ago, or restart). */
int jenkins_queue_get(struct jenkins_queue_item *out, struct jenkins *j,
		      long q, struct err *err);
void jenkins_queue_item_release(struct jenkins_queue_item *q);
/* The build whose queueId is `q` among the job's last 50; ERR_NOTFOUND. */
int jenkins_build_by_queue(long *number, struct jenkins *j, const char *job,
			   long q, struct err *err);

struct jenkins_build {
	long number;
	int building;
	char *result;	/* NULL while unknown */
	char *url;
	long duration_ms;
	long timestamp;
	long queue_id;
};

#define JENKINS_BUILD_INIT { -1, 0, NULL, NULL, 0, 0, -1 }

int jenkins_build_parse(struct jenkins_build *out, const char *json,
			size_t len, struct err *err);
/* `which` is a number or a permalink ("lastBuild"). */
int jenkins_build_get(struct jenkins_build *out, struct jenkins *j,
		      const char *job, const char *which, struct err *err);
void jenkins_build_release(struct jenkins_build *b);
int jenkins_build_finished(const struct jenkins_build *b);

/* Exit code class of a result: 0 SUCCESS, 1 anything else. */
int jenkins_result_failed(const char *result);

struct jenkins_log_chunk {
	struct buf text;	/* body as served, ConsoleNotes stripped */
	long next;		/* X-Text-Size */
	int more;		/* X-More-Data: true */
	long held;		/* streaming: bytes of an unfinished note left */
};

#define JENKINS_LOG_CHUNK_INIT { BUF_INIT, 0, 0, 0 }

/* One progressiveText request from raw offset `start`. */
int jenkins_log_get(struct jenkins_log_chunk *out, struct jenkins *j,
		    const char *job, long number, long start, struct err *err);
void jenkins_log_chunk_release(struct jenkins_log_chunk *c);
/*
 * Appends `body` to `out` with Jenkins' transport artefacts removed:
 * "\r\n" -> "\n" (LineEndNormalizingWriter) and ConsoleNotes
 * (ESC[8mha:...ESC[0m) dropped.  Chunks end on line boundaries, so this
 * needs no state between chunks.
 */
void jenkins_log_clean(struct buf *out, const char *body, size_t len);
/* The same for raw bytes (the streaming variant): ConsoleNotes only. */
void jenkins_log_strip_notes(struct buf *out, const char *body, size_t len);

struct jenkins_stage {
	char *id;
	char *name;
	char *status;
	long duration_ms;
};

struct jenkins_run {
	char *status;
	struct jenkins_stage *stages;
	size_t nr_stages;
};

#define JENKINS_RUN_INIT { NULL, NULL, 0 }

int jenkins_run_parse(struct jenkins_run *out, const char *json, size_t len,
		      struct err *err);
/* wfapi/describe; ERR_NOTFOUND for jobs that are not Pipelines. */
int jenkins_run_get(struct jenkins_run *out, struct jenkins *j,
		    const char *job, long number, struct err *err);
void jenkins_run_release(struct jenkins_run *r);

struct jenkins_input {
	char *id;
	char *message;
	char *proceed_text;
	struct jenkins_param_def *params;
	size_t nr_params;
};

int jenkins_inputs_parse(struct jenkins_input **out, size_t *nr,
			 const char *json, size_t len, struct err *err);
int jenkins_inputs_get(struct jenkins_input **out, size_t *nr,
		       struct jenkins *j, const char *job, long number,
		       struct err *err);
void jenkins_inputs_free(struct jenkins_input *in, size_t nr);
/*
 * Proceeds (with `values`, or each parameter's default when NULL; an input
 * without parameters uses proceedEmpty) or aborts.  A 400 carries Jenkins'
 * X-Error ("This input has been already given") as ERR_CONFLICT.
 */
int jenkins_input_answer(struct jenkins *j, const char *job, long number,
			 const struct jenkins_input *in, int proceed,
			 const char *const *values, struct err *err);

/* POST .../N/stop (302 or 200 both mean accepted). */
int jenkins_stop(struct jenkins *j, const char *job, long number,
		 struct err *err);

/* Maps an unexpected HTTP status to an error naming `what`. */
int jenkins_status_error(const struct http_response *r, const char *what,
			 struct err *err);

#endif
