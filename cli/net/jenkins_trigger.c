/*
 * Build parameters and triggering: client-side validation against the
 * job's definitions (Jenkins ignores unknown names and fills defaults
 * silently), then `build` or `buildWithParameters` (multipart when a file
 * parameter is given), and the queue id from Location without its host.
 */
#include "net/jenkins.h"
#include "net/jenkins_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/suggest.h"
#include "util/xalloc.h"

int jenkins_param_split(struct jenkins_param *out, char *kv, struct err *err)
{
	char *eq = strchr(kv, '=');

	if (!eq || eq == kv)
		return err_set(err, ERR_USAGE, "-p '%s': expected NAME=VALUE", kv);
	*eq = '\0';
	out->name = kv;
	out->value = eq + 1;
	out->is_file = eq[1] == '@';
	if (out->is_file)
		out->value++;
	return 0;
}

static int is_type(const struct jenkins_param_def *d, const char *what)
{
	return d->type && strstr(d->type, what) != NULL;
}

static const struct jenkins_param_def *find_def(const struct jenkins_job *job,
						const char *name)
{
	size_t i;

	for (i = 0; i < job->nr_params; i++)
		if (!strcmp(job->params[i].name, name))
			return &job->params[i];
	return NULL;
}

static int unknown_param(const struct jenkins_job *job, const char *name,
			 struct err *err)
{
	const char **names = xcalloc(job->nr_params + 1, sizeof(*names));
	const char *hint;
	size_t i;
	int ret;

	for (i = 0; i < job->nr_params; i++)
		names[i] = job->params[i].name;
	hint = suggest_closest(name, names, job->nr_params);
	if (hint)
		ret = err_set(err, ERR_INPUT, "-p %s: the job has no parameter "
			      "'%s' (did you mean '%s'?)", name, name, hint);
	else
		ret = err_set(err, ERR_INPUT, "-p %s: the job has no parameter "
			      "'%s'", name, name);
	free(names);
	return ret;
}

static int check_value(const struct jenkins_param_def *d,
		       const struct jenkins_param *p, struct err *err)
{
	size_t i;

	if (is_type(d, "File") != p->is_file)
		return err_set(err, ERR_INPUT, p->is_file ?
			       "-p %s: not a file parameter; drop the '@'" :
			       "-p %s: a file parameter; write %s=@PATH", p->name,
			       p->name);
	if (p->is_file && access(p->value, R_OK) < 0)
		return err_set(err, ERR_INPUT, "-p %s: cannot read '%s'",
			       p->name, p->value);
	if (is_type(d, "Boolean") && strcmp(p->value, "true") &&
	    strcmp(p->value, "false"))
		return err_set(err, ERR_INPUT, "-p %s: '%s' is not true or false",
			       p->name, p->value);
	if (is_type(d, "Choice") && d->nr_choices) {
		for (i = 0; i < d->nr_choices; i++)
			if (!strcmp(d->choices[i], p->value))
				return 0;
		return err_set(err, ERR_INPUT, "-p %s: '%s' is not one of the "
			       "choices (%s%s)", p->name, p->value, d->choices[0],
			       d->nr_choices > 1 ? ", ..." : "");
	}
	return 0;
}

int jenkins_params_check(const struct jenkins_job *job,
			 const struct jenkins_param *p, size_t nr,
			 struct err *err)
{
	size_t i, k;

	if (nr && !job->has_params)
		return err_set(err, ERR_INPUT, "-p %s: the job takes no "
			       "parameters", p[0].name);
	for (i = 0; i < nr; i++) {
		const struct jenkins_param_def *d = find_def(job, p[i].name);

		if (!d)
			return unknown_param(job, p[i].name, err);
		for (k = 0; k < i; k++)
			if (!strcmp(p[k].name, p[i].name))
				return err_set(err, ERR_INPUT, "-p %s: given twice",
					       p[i].name);
		if (check_value(d, &p[i], err) < 0)
			return err->code;
	}
	return 0;
}

static int has_file(const struct jenkins_param *p, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (p[i].is_file)
			return 1;
	return 0;
}

static void form_encode(struct buf *body, const struct jenkins_param *p,
			size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++) {
		if (i)
			buf_addch(body, '&');
		http_url_escape(body, p[i].name);
		buf_addch(body, '=');
		http_url_escape(body, p[i].value);
	}
}

static int trigger_response(long *queue_id, const struct http_response *r,
			    const char *job, struct err *err)
{
	if (r->status == 201 || r->status == 303) {
		*queue_id = jenkins_queue_id_from_location(
			http_header_get(r, "Location"));
		if (*queue_id < 0)
			return err_set(err, ERR_NETWORK, "'%s' triggered, but "
				       "Jenkins named no queue item", job);
		return 0;
	}
	if (r->status == 302)
		return err_set(err, ERR_CONFLICT, "Jenkins refused to queue "
			       "'%s' (302)", job);
	return jenkins_status_error(r, job, err);
}

int jenkins_trigger(long *queue_id, struct jenkins *j, const char *job,
		    const struct jenkins_job *def,
		    const struct jenkins_param *p, size_t nr, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct http_request req = { 0 };
	struct http_form_part *form = NULL;
	struct buf url = BUF_INIT, body = BUF_INIT;
	size_t i;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (ret)
		goto out;
	buf_addstr(&url, def->has_params ? "/buildWithParameters" : "/build");
	buf_addstr(&url, "?delay=0sec");
	req.url = url.ptr;
	if (has_file(p, nr)) {
		form = xcalloc(nr, sizeof(*form));
		for (i = 0; i < nr; i++) {
			form[i].name = p[i].name;
			form[i].value = p[i].is_file ? NULL : p[i].value;
			form[i].file = p[i].is_file ? p[i].value : NULL;
		}
		req.form = form;
		req.nr_form = nr;
	} else {
		form_encode(&body, p, nr);
		req.body = body.ptr;
		req.body_len = body.len;
		req.content_type = "application/x-www-form-urlencoded";
	}
	ret = jenkins_post(&r, j, &req, err);
	if (!ret)
		ret = trigger_response(queue_id, &r, job, err);
out:
	http_response_release(&r);
	buf_release(&url);
	buf_release(&body);
	free(form);
	return ret;
}

static void input_json(struct buf *out, const struct jenkins_input *in,
		       const char *const *values)
{
	json_t *doc = json_object(), *arr = json_array();
	size_t i;
	char *s;

	for (i = 0; i < in->nr_params; i++) {
		const char *v = values ? values[i] : in->params[i].def;
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(in->params[i].name));
		if (is_type(&in->params[i], "Boolean"))
			json_object_set_new(o, "value",
					    json_boolean(v && !strcmp(v, "true")));
		else
			json_object_set_new(o, "value", json_string(v ? v : ""));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "parameter", arr);
	s = json_dumps(doc, JSON_COMPACT);
	buf_addstr(out, "json=");
	http_url_escape(out, s);
	free(s);
	json_decref(doc);
}

int jenkins_input_answer(struct jenkins *j, const char *job, long number,
			 const struct jenkins_input *in, int proceed,
			 const char *const *values, struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct http_request req = { 0 };
	struct buf url = BUF_INIT, body = BUF_INIT;
	char what[300];
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (ret)
		goto out;
	buf_addf(&url, "/%ld/input/", number);
	http_url_escape(&url, in->id);
	if (!proceed)
		buf_addstr(&url, "/abort");
	else if (!in->nr_params)
		buf_addstr(&url, "/proceedEmpty");
	else {
		buf_addstr(&url, "/proceed");
		input_json(&body, in, values);
		req.body = body.ptr;
		req.body_len = body.len;
		req.content_type = "application/x-www-form-urlencoded";
	}
	req.url = url.ptr;
	/* Answering twice is harmless: Jenkins says "already given". */
	req.idempotent = 1;
	ret = jenkins_post(&r, j, &req, err);
	snprintf(what, sizeof(what), "input '%s'", in->id);
	if (!ret && r.status != 200 && r.status != 204 && r.status != 302)
		ret = jenkins_status_error(&r, what, err);
out:
	http_response_release(&r);
	buf_release(&url);
	buf_release(&body);
	return ret;
}

int jenkins_stop(struct jenkins *j, const char *job, long number,
		 struct err *err)
{
	struct http_response r = HTTP_RESPONSE_INIT;
	struct http_request req = { 0 };
	struct buf url = BUF_INIT;
	int ret = jenkins_job_url(&url, j->base, job, err);

	if (!ret) {
		buf_addf(&url, "/%ld/stop", number);
		req.url = url.ptr;
		req.idempotent = 1;	/* stopping twice is a no-op */
		ret = jenkins_post(&r, j, &req, err);
	}
	if (!ret && r.status != 200 && r.status != 302 && r.status != 303)
		ret = jenkins_status_error(&r, job, err);
	http_response_release(&r);
	buf_release(&url);
	return ret;
}
