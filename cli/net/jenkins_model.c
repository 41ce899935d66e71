/*
 * Jenkins JSON -> models: job (parameter definitions), queue item, build,
 * Stage View run, pending inputs.  Parsers take bytes; *_get() fetch them
 * with `tree=` so every poll stays small.
 */
#include "net/jenkins.h"
#include "net/jenkins_priv.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Owned copy of a JSON string member, or NULL. */
char *jenkins_json_strdup(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? xstrdup(s) : NULL;
}

/* Member as text: strings as they are, numbers and booleans printed. */
static char *jenkins_json_text(const json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_true(v))
		return xstrdup("true");
	if (json_is_false(v))
		return xstrdup("false");
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%g", json_real_value(v));
	return NULL;
}

static json_t *parse(const char *json, size_t len, const char *what,
		     struct err *err)
{
	json_error_t jerr;
	json_t *doc = json_loadb(json, len, 0, &jerr);

	if (!doc)
		err_set(err, ERR_NETWORK, "%s: bad JSON at byte %d: %s", what,
			jerr.position, jerr.text);
	else if (!json_is_object(doc) && !json_is_array(doc)) {
		json_decref(doc);
		doc = NULL;
		err_set(err, ERR_NETWORK, "%s: JSON is not an object", what);
	}
	return doc;
}

static void param_def_parse(struct jenkins_param_def *d, const json_t *o)
{
	const json_t *choices = json_object_get(o, "choices");
	const json_t *defv = json_object_get(o, "defaultParameterValue");
	size_t i;

	d->name = jenkins_json_strdup(o, "name");
	d->type = jenkins_json_strdup(o, "type");
	if (!d->type)
		d->type = jenkins_json_strdup(o, "_class");
	if (!d->type)
		d->type = xstrdup("StringParameterDefinition");
	if (json_is_object(defv))
		d->def = jenkins_json_text(json_object_get(defv, "value"));
	else if (json_object_get(o, "definition"))	/* Stage View input */
		d->def = jenkins_json_text(json_object_get(
			json_object_get(o, "definition"), "defaultVal"));
	if (!choices)
		choices = json_object_get(json_object_get(o, "definition"), "choices");
	if (json_is_array(choices)) {
		d->choices = xcalloc(json_array_size(choices) + 1, sizeof(char *));
		for (i = 0; i < json_array_size(choices); i++) {
			char *c = jenkins_json_text(json_array_get(choices, i));

			if (c)
				d->choices[d->nr_choices++] = c;
		}
	}
}

static void jenkins_param_defs_parse(struct jenkins_param_def **out, size_t *nr,
			      const json_t *arr)
{
	size_t i, n = json_array_size(arr);

	*out = xcalloc(n + 1, sizeof(**out));
	*nr = 0;
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(arr, i);

		if (!json_is_object(o) || !json_string_value(json_object_get(o, "name")))
			continue;
		param_def_parse(&(*out)[(*nr)++], o);
	}
}

static void jenkins_param_defs_free(struct jenkins_param_def *d, size_t nr)
{
	size_t i, k;

	for (i = 0; d && i < nr; i++) {
		free(d[i].name);
		free(d[i].type);
		free(d[i].def);
		for (k = 0; k < d[i].nr_choices; k++)
			free(d[i].choices[k]);
		free(d[i].choices);
	}
	free(d);
}

/* The ParametersDefinitionProperty, under property[] or actions[]. */
static const json_t *find_param_defs(const json_t *doc)
{
	static const char *const lists[] = { "property", "actions" };
	size_t l, i;

	for (l = 0; l < 2; l++) {
		const json_t *arr = json_object_get(doc, lists[l]);

		for (i = 0; i < json_array_size(arr); i++) {
			const json_t *defs = json_object_get(json_array_get(arr, i),
							     "parameterDefinitions");

			if (json_is_array(defs))
				return defs;
		}
	}
	return NULL;
}

int jenkins_job_parse(struct jenkins_job *out, const char *json, size_t len,
		      struct err *err)
{
	json_t *doc = parse(json, len, "job", err);
	const json_t *defs, *b;

	if (!doc)
		return err->code;
	out->cls = jenkins_json_strdup(doc, "_class");
	b = json_object_get(doc, "buildable");
	out->buildable = !b || json_is_true(b);
	out->pipeline = out->cls && strstr(out->cls, "WorkflowJob") != NULL;
	defs = find_param_defs(doc);
	out->has_params = defs && json_array_size(defs) > 0;
	if (defs)
		jenkins_param_defs_parse(&out->params, &out->nr_params, defs);
	json_decref(doc);
	return 0;
}

void jenkins_job_release(struct jenkins_job *job)
{
	free(job->cls);
	jenkins_param_defs_free(job->params, job->nr_params);
	memset(job, 0, sizeof(*job));
}

static int fetch_doc(struct buf *body, struct jenkins *j, const char *url,
		     const char *what, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	int ret = jenkins_get(&r, j, url, err);

	if (!ret && r.status != 200)
		ret = jenkins_status_error(&r, what, err);
	if (!ret) {
		*body = r.body;
		r.body = (struct buf)BUF_INIT;
	}
	http_response_release(&r);
	return ret;
}

int jenkins_job_get(struct jenkins_job *out, struct jenkins *j,
		    const char *job, struct err *err)
{
	struct buf url = BUF_INIT, body = BUF_INIT;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addstr(&url, "/api/json?tree=_class,buildable,"
			   "property[parameterDefinitions[name,type,"
			   "defaultParameterValue[value],choices]]");
		ret = fetch_doc(&body, j, url.ptr, job, err);
		if (ret == ERR_NOTFOUND)
			err_prefix(err, "no job '%s'", job);
	}
	if (!ret)
		ret = jenkins_job_parse(out, body.ptr, body.len, err);
	buf_release(&url);
	buf_release(&body);
	return ret;
}

int jenkins_queue_parse(struct jenkins_queue_item *out, const char *json,
			size_t len, struct err *err)
{
	json_t *doc = parse(json, len, "queue item", err);
	const char *cls;
	const json_t *exe;

	if (!doc)
		return err->code;
	cls = json_string_value(json_object_get(doc, "_class"));
	exe = json_object_get(doc, "executable");
	out->cancelled = json_is_true(json_object_get(doc, "cancelled"));
	out->left = (cls && strstr(cls, "LeftItem")) || out->cancelled ||
		    json_is_object(exe);
	out->stuck = json_is_true(json_object_get(doc, "stuck"));
	out->number = -1;
	if (json_is_object(exe) && json_is_integer(json_object_get(exe, "number")))
		out->number = (long)json_integer_value(json_object_get(exe, "number"));
	free(out->why);
	out->why = jenkins_json_strdup(doc, "why");
	json_decref(doc);
	return 0;
}

int jenkins_queue_get(struct jenkins_queue_item *out, struct jenkins *j,
		      long q, struct err *err)
{
	char *url = xasprintf("%s/queue/item/%ld/api/json?tree=_class,id,blocked,"
			      "buildable,stuck,cancelled,why,inQueueSince,"
			      "executable[number,url]", j->base, q);
	struct buf body = BUF_INIT;
	char what[64];
	int ret;

	snprintf(what, sizeof(what), "queue item %ld", q);
	ret = fetch_doc(&body, j, url, what, err);
	if (!ret)
		ret = jenkins_queue_parse(out, body.ptr, body.len, err);
	buf_release(&body);
	free(url);
	return ret;
}

void jenkins_queue_item_release(struct jenkins_queue_item *q)
{
	free(q->why);
	q->why = NULL;
}

int jenkins_build_by_queue(long *number, struct jenkins *j, const char *job,
			   long q, struct err *err)
{
	struct buf url = BUF_INIT;
	json_t *doc = NULL;
	const json_t *builds;
	size_t i;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addstr(&url, "/api/json?tree=builds[number,queueId]{0,50}");
		ret = jenkins_get_json(&doc, j, url.ptr, job, err);
	}
	if (!ret) {
		builds = json_object_get(doc, "builds");
		ret = ERR_NOTFOUND;
		for (i = 0; i < json_array_size(builds); i++) {
			const json_t *b = json_array_get(builds, i);

			if (json_integer_value(json_object_get(b, "queueId")) == q) {
				*number = (long)json_integer_value(json_object_get(b, "number"));
				ret = 0;
				break;
			}
		}
	}
	json_decref(doc);
	buf_release(&url);
	return ret;
}

int jenkins_build_parse(struct jenkins_build *out, const char *json,
			size_t len, struct err *err)
{
	json_t *doc = parse(json, len, "build", err);

	if (!doc)
		return err->code;
	out->number = (long)json_integer_value(json_object_get(doc, "number"));
	out->building = json_is_true(json_object_get(doc, "building"));
	free(out->result);
	out->result = jenkins_json_strdup(doc, "result");
	free(out->url);
	out->url = jenkins_json_strdup(doc, "url");
	out->duration_ms = (long)json_integer_value(json_object_get(doc, "duration"));
	out->timestamp = (long)json_integer_value(json_object_get(doc, "timestamp"));
	out->queue_id = json_is_integer(json_object_get(doc, "queueId")) ?
		(long)json_integer_value(json_object_get(doc, "queueId")) : -1;
	json_decref(doc);
	return 0;
}

int jenkins_build_get(struct jenkins_build *out, struct jenkins *j,
		      const char *job, const char *which, struct err *err)
{
	struct buf url = BUF_INIT, body = BUF_INIT;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%s/api/json?tree=number,building,result,duration,"
			 "timestamp,queueId,url", which);
		ret = fetch_doc(&body, j, url.ptr, job, err);
		if (ret == ERR_NOTFOUND && !strcmp(which, "lastBuild")) {
			err_clear(err);	/* a 404 of lastBuild: no job, or no build */
			ret = err_set(err, ERR_NOTFOUND,
				      "no job '%s', or it has no build yet", job);
		}
		if (ret == ERR_NOTFOUND && strcmp(which, "lastBuild"))
			err_prefix(err, "no build %s of '%s'", which, job);
	}
	if (!ret)
		ret = jenkins_build_parse(out, body.ptr, body.len, err);
	buf_release(&url);
	buf_release(&body);
	return ret;
}

void jenkins_build_release(struct jenkins_build *b)
{
	free(b->result);
	free(b->url);
	b->result = b->url = NULL;
}

int jenkins_build_finished(const struct jenkins_build *b)
{
	return !b->building && b->result;
}

int jenkins_result_failed(const char *result)
{
	return !result || strcmp(result, "SUCCESS") != 0;
}

static void stage_parse(struct jenkins_stage *s, const json_t *o)
{
	s->id = jenkins_json_text(json_object_get(o, "id"));
	s->name = jenkins_json_strdup(o, "name");
	s->status = jenkins_json_strdup(o, "status");
	s->duration_ms = (long)json_integer_value(json_object_get(o, "durationMillis"));
	if (!s->name)
		s->name = xstrdup("?");
	if (!s->status)
		s->status = xstrdup("UNKNOWN");
	if (!s->id)
		s->id = xstrdup(s->name);
}

int jenkins_run_parse(struct jenkins_run *out, const char *json, size_t len,
		      struct err *err)
{
	json_t *doc = parse(json, len, "stage view", err);
	const json_t *stages;
	size_t i;

	if (!doc)
		return err->code;
	out->status = jenkins_json_strdup(doc, "status");
	stages = json_object_get(doc, "stages");
	out->stages = xcalloc(json_array_size(stages) + 1, sizeof(*out->stages));
	for (i = 0; i < json_array_size(stages); i++)
		if (json_is_object(json_array_get(stages, i)))
			stage_parse(&out->stages[out->nr_stages++],
				    json_array_get(stages, i));
	json_decref(doc);
	return 0;
}

int jenkins_run_get(struct jenkins_run *out, struct jenkins *j,
		    const char *job, long number, struct err *err)
{
	struct buf url = BUF_INIT, body = BUF_INIT;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%ld/wfapi/describe", number);
		ret = fetch_doc(&body, j, url.ptr, "stage view", err);
	}
	if (!ret)
		ret = jenkins_run_parse(out, body.ptr, body.len, err);
	buf_release(&url);
	buf_release(&body);
	return ret;
}

void jenkins_run_release(struct jenkins_run *r)
{
	size_t i;

	for (i = 0; i < r->nr_stages; i++) {
		free(r->stages[i].id);
		free(r->stages[i].name);
		free(r->stages[i].status);
	}
	free(r->stages);
	free(r->status);
	memset(r, 0, sizeof(*r));
}

int jenkins_inputs_parse(struct jenkins_input **out, size_t *nr,
			 const char *json, size_t len, struct err *err)
{
	json_t *doc = parse(json, len, "pending inputs", err);
	size_t i, n;

	if (!doc)
		return err->code;
	if (json_is_object(doc)) {	/* nextPendingInputAction: one input */
		json_t *arr = json_array();

		json_array_append_new(arr, doc);
		doc = arr;
	}
	n = json_array_size(doc);
	*out = xcalloc(n + 1, sizeof(**out));
	*nr = 0;
	for (i = 0; i < n; i++) {
		const json_t *o = json_array_get(doc, i);
		struct jenkins_input *in;

		if (!json_string_value(json_object_get(o, "id")))
			continue;
		in = &(*out)[(*nr)++];
		in->id = jenkins_json_strdup(o, "id");
		in->message = jenkins_json_strdup(o, "message");
		in->proceed_text = jenkins_json_strdup(o, "proceedText");
		if (json_is_array(json_object_get(o, "inputs")))
			jenkins_param_defs_parse(&in->params, &in->nr_params,
						 json_object_get(o, "inputs"));
	}
	json_decref(doc);
	return 0;
}

int jenkins_inputs_get(struct jenkins_input **out, size_t *nr,
		       struct jenkins *j, const char *job, long number,
		       struct err *err)
{
	struct buf url = BUF_INIT, body = BUF_INIT;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%ld/wfapi/pendingInputActions", number);
		ret = fetch_doc(&body, j, url.ptr, "pending inputs", err);
	}
	if (!ret)
		ret = jenkins_inputs_parse(out, nr, body.ptr, body.len, err);
	buf_release(&url);
	buf_release(&body);
	return ret;
}

void jenkins_inputs_free(struct jenkins_input *in, size_t nr)
{
	size_t i;

	for (i = 0; in && i < nr; i++) {
		free(in[i].id);
		free(in[i].message);
		free(in[i].proceed_text);
		jenkins_param_defs_free(in[i].params, in[i].nr_params);
	}
	free(in);
}
