#include "plan/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/xalloc.h"
#include "vcs/vcs.h"

#define MANIFEST_SCHEMA "mds-infra/plan-manifest/v1"

static int digest_into(json_t *obj, const char *key, const char *path,
		       struct err *err)
{
	char hex[VCS_OID_HEX];

	if (vcs_hash_file(hex, path, err) < 0)
		return err->code;
	json_object_set_new(obj, key, json_string(hex));
	return 0;
}

static int files_json(json_t *root, const struct run_set *set,
		      struct err *err)
{
	json_t *files = json_array();
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < set->nr_files; i++) {
		json_t *f = json_pack("{s:s}", "path", set->files[i]);
		char *abs = fs_join(set->root, set->files[i]);

		ret = digest_into(f, "digest", abs, err);
		json_array_append_new(files, f);
		free(abs);
	}
	json_object_set_new(root, "rendered_files", files);
	return ret;
}

static int comps_json(json_t *root, const struct plan_report *rep,
		      struct err *err)
{
	json_t *comps = json_array();
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < rep->set->nr; i++) {
		const struct tg_result *r = &rep->res[i];
		const char *base = strrchr(r->plan_path, '/');
		json_t *c = json_pack("{s:s, s:s}", "name",
				      rep->set->units[i].name, "status",
				      tg_status_name(r->status));

		if (r->status == TG_CHANGES || r->status == TG_NO_CHANGES) {
			json_object_set_new(c, "plan_file", json_string(base + 1));
			ret = digest_into(c, "plan_digest", r->plan_path, err);
		}
		json_array_append_new(comps, c);
	}
	json_object_set_new(root, "components", comps);
	return ret;
}

int manifest_build(struct buf *out, const struct plan_report *rep,
		   int dirty, struct err *err)
{
	json_t *root = json_object();
	char *s;
	int ret = 0;

	json_object_set_new(root, "schema", json_string(MANIFEST_SCHEMA));
	json_object_set_new(root, "environment", json_string(rep->set->env));
	json_object_set_new(root, "commit", rep->commit ?
			    json_string(rep->commit) : json_null());
	json_object_set_new(root, "dirty", json_boolean(dirty));
	if (rep->set->stack_path)
		ret = digest_into(root, "stack_digest", rep->set->stack_path, err);
	else
		json_object_set_new(root, "stack_digest", json_null());
	if (!ret)
		ret = files_json(root, rep->set, err);
	if (!ret)
		ret = comps_json(root, rep, err);
	json_object_set_new(root, "policy_violations",
			    json_integer(rep->viol ? (json_int_t)rep->viol->nr : 0));
	if (!ret) {
		s = json_dumps(root, JSON_INDENT(2));
		buf_addstr(out, s);
		buf_addch(out, '\n');
		free(s);
	}
	json_decref(root);
	return ret;
}

static char *opt_str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? xstrdup(s) : NULL;
}

static int load_lists(struct manifest *m, json_t *root, const char *path,
		      struct err *err)
{
	json_t *files = json_object_get(root, "rendered_files");
	json_t *comps = json_object_get(root, "components"), *e;
	size_t i;

	if (!json_is_array(files) || !json_is_array(comps))
		return err_set(err, ERR_INPUT, "%s: not a plan manifest", path);
	m->paths = xcalloc(json_array_size(files) + 1, sizeof(char *));
	m->digests = xcalloc(json_array_size(files) + 1, sizeof(char *));
	json_array_foreach(files, i, e) {
		m->paths[i] = opt_str(e, "path");
		m->digests[i] = opt_str(e, "digest");
		m->nr_files++;
		if (!m->paths[i] || !m->digests[i])
			return err_set(err, ERR_INPUT,
				       "%s: rendered_files[%zu] lacks path or digest",
				       path, i);
	}
	m->comps = xcalloc(json_array_size(comps) + 1, sizeof(*m->comps));
	json_array_foreach(comps, i, e) {
		struct manifest_component *c = &m->comps[m->nr_comps++];

		c->name = opt_str(e, "name");
		c->status = opt_str(e, "status");
		c->plan_file = opt_str(e, "plan_file");
		c->plan_digest = opt_str(e, "plan_digest");
		if (!c->name || !c->status)
			return err_set(err, ERR_INPUT,
				       "%s: components[%zu] lacks name or status",
				       path, i);
	}
	return 0;
}

int manifest_load(struct manifest *out, const char *path, struct err *err)
{
	struct buf data = BUF_INIT;
	json_error_t jerr;
	json_t *root;
	const char *schema;
	int ret;

	memset(out, 0, sizeof(*out));
	if ((ret = fs_read_file(&data, path, err)) < 0)
		return ret;
	root = json_loadb(data.ptr, data.len, 0, &jerr);
	buf_release(&data);
	if (!root)
		return err_set(err, ERR_INPUT, "%s:%d:%d: %s", path, jerr.line,
			       jerr.column, jerr.text);
	schema = json_string_value(json_object_get(root, "schema"));
	if (!schema || strcmp(schema, MANIFEST_SCHEMA))
		ret = err_set(err, ERR_INPUT, "%s: not a %s document", path,
			      MANIFEST_SCHEMA);
	else
		ret = load_lists(out, root, path, err);
	out->environment = opt_str(root, "environment");
	out->commit = opt_str(root, "commit");
	out->dirty = json_is_true(json_object_get(root, "dirty"));
	out->stack_digest = opt_str(root, "stack_digest");
	out->nr_violations = (size_t)json_integer_value(
		json_object_get(root, "policy_violations"));
	json_decref(root);
	if (ret)
		manifest_release(out);
	return ret;
}

void manifest_release(struct manifest *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nr_files; i++) {
		free(m->paths[i]);
		free(m->digests[i]);
	}
	for (i = 0; i < m->nr_comps; i++) {
		free(m->comps[i].name);
		free(m->comps[i].status);
		free(m->comps[i].plan_file);
		free(m->comps[i].plan_digest);
	}
	free(m->paths);
	free(m->digests);
	free(m->comps);
	free(m->environment);
	free(m->commit);
	free(m->stack_digest);
	memset(m, 0, sizeof(*m));
}

/* 1 when `path` (absolute) has the digest `want`. */
static int same_digest(const char *path, const char *want)
{
	char hex[VCS_OID_HEX];
	struct err err = ERR_INIT;
	int ok = vcs_hash_file(hex, path, &err) == 0 && !strcmp(hex, want);

	err_release(&err);
	return ok;
}

static size_t verify_files(struct buf *why, const struct manifest *m,
			   const struct run_set *set)
{
	size_t i, k, bad = 0;

	for (i = 0; i < set->nr_files; i++) {
		char *abs = fs_join(set->root, set->files[i]);

		for (k = 0; k < m->nr_files; k++)
			if (!strcmp(m->paths[k], set->files[i]))
				break;
		if (k == m->nr_files) {
			buf_addf(why, "%s is new since the plan\n", set->files[i]);
			bad++;
		} else if (!same_digest(abs, m->digests[k])) {
			buf_addf(why, "%s changed since the plan\n", set->files[i]);
			bad++;
		}
		free(abs);
	}
	for (k = 0; k < m->nr_files; k++) {
		for (i = 0; i < set->nr_files; i++)
			if (!strcmp(m->paths[k], set->files[i]))
				break;
		if (i == set->nr_files) {
			buf_addf(why, "%s was removed since the plan\n", m->paths[k]);
			bad++;
		}
	}
	return bad;
}

static size_t verify_plans(struct buf *why, const struct manifest *m,
			   const char *plan_dir)
{
	size_t i, bad = 0;

	for (i = 0; i < m->nr_comps; i++) {
		const struct manifest_component *c = &m->comps[i];
		char *abs;

		if (!c->plan_file || !c->plan_digest)
			continue;
		abs = fs_join(plan_dir, c->plan_file);
		if (!fs_exists(abs)) {
			buf_addf(why, "plan file %s of '%s' is missing\n", abs, c->name);
			bad++;
		} else if (!same_digest(abs, c->plan_digest)) {
			buf_addf(why, "plan file %s of '%s' was modified after planning\n",
				 abs, c->name);
			bad++;
		}
		free(abs);
	}
	return bad;
}

size_t manifest_verify(struct buf *why, const struct manifest *m,
		       const struct run_set *set, const char *commit,
		       const char *plan_dir)
{
	size_t bad = 0;

	if (!m->environment || strcmp(m->environment, set->env)) {
		buf_addf(why, "the plans are for environment '%s', not '%s'\n",
			 m->environment ? m->environment : "?", set->env);
		bad++;
	}
	if ((m->commit || commit) &&
	    (!m->commit || !commit || strcmp(m->commit, commit))) {
		buf_addf(why, "planned at commit %.12s, HEAD is now %.12s\n",
			 m->commit ? m->commit : "(none)",
			 commit ? commit : "(none)");
		bad++;
	}
	if (set->stack_path && (!m->stack_digest ||
				!same_digest(set->stack_path, m->stack_digest))) {
		buf_addf(why, "the stack file changed since the plan\n");
		bad++;
	}
	return bad + verify_files(why, m, set) + verify_plans(why, m, plan_dir);
}
