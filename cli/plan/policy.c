#include "plan/policy.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "stack/stack.h"
#include "util/suggest.h"
#include "util/xalloc.h"
#include "util/yaml.h"

void plan_policy_default(struct plan_policy *out)
{
	struct plan_policy def = PLAN_POLICY_INIT;

	*out = def;
	out->source = xstrdup("built-in default");
}

static int load_strings(char ***out, size_t *nr, const struct yaml_doc *doc,
			const struct yaml_node *seq, const char *what,
			struct err *err)
{
	size_t i;

	if (yaml_expect(doc, seq, YAML_T_SEQ, what, err) < 0)
		return err->code;
	*out = xcalloc(seq->nr_items + 1, sizeof(char *));
	for (i = 0; i < seq->nr_items; i++) {
		if (yaml_expect(doc, seq->items[i], YAML_T_STR, what, err) < 0)
			return err->code;
		(*out)[(*nr)++] = xstrdup(seq->items[i]->str);
	}
	return 0;
}

static int load_protected(struct plan_policy *p, const struct yaml_doc *doc,
			  const struct yaml_node *m, struct err *err)
{
	static const char *const keys[] = {
		"deny_destroy", "allow_destroy", "deny_mock_outputs", NULL
	};
	const struct yaml_node *n;

	if (yaml_expect(doc, m, YAML_T_MAP, "protected", err) < 0 ||
	    yaml_check_keys(doc, m, keys, "protected", err) < 0)
		return err->code;
	if ((n = yaml_map_get(m, "deny_destroy")) &&
	    yaml_get_bool(&p->deny_destroy, doc, n, "deny_destroy", err) < 0)
		return err->code;
	if ((n = yaml_map_get(m, "deny_mock_outputs")) &&
	    yaml_get_bool(&p->deny_mock_outputs, doc, n, "deny_mock_outputs",
			  err) < 0)
		return err->code;
	if ((n = yaml_map_get(m, "allow_destroy")))
		return load_strings(&p->allow_destroy, &p->nr_allow, doc, n,
				    "allow_destroy", err);
	return 0;
}

int plan_policy_load(struct plan_policy *out, const char *path,
		     struct err *err)
{
	static const char *const keys[] = {
		"version", "protected", "environments", NULL
	};
	struct yaml_doc *doc = NULL;
	const struct yaml_node *root, *n;
	long long version;
	int ret;

	plan_policy_default(out);
	free(out->source);
	out->source = xstrdup(path);
	if ((ret = yaml_load_file(&doc, path, err)) < 0)
		return ret;
	root = doc->root;
	if (!root || yaml_expect(doc, root, YAML_T_MAP, "the plan policy", err) < 0 ||
	    yaml_check_keys(doc, root, keys, "the plan policy", err) < 0)
		goto out;
	n = yaml_map_get(root, "version");
	if (!n) {
		yaml_err(err, doc, root, "missing 'version: 1'");
		goto out;
	}
	if (yaml_get_int(&version, doc, n, 1, 1, "version", err) < 0)
		goto out;
	if ((n = yaml_map_get(root, "protected")) &&
	    load_protected(out, doc, n, err) < 0)
		goto out;
	if ((n = yaml_map_get(root, "environments")))
		load_strings(&out->environments, &out->nr_envs, doc, n,
			     "environments", err);
out:
	if (!root && !err_is_set(err))
		err_set(err, ERR_INPUT, "%s: empty policy", path);
	yaml_doc_free(doc);
	return err_is_set(err) ? err->code : 0;
}

void plan_policy_release(struct plan_policy *p)
{
	size_t i;

	for (i = 0; i < p->nr_allow; i++)
		free(p->allow_destroy[i]);
	for (i = 0; i < p->nr_envs; i++)
		free(p->environments[i]);
	free(p->allow_destroy);
	free(p->environments);
	free(p->source);
	memset(p, 0, sizeof(*p));
}

int plan_policy_protects(const struct plan_policy *p, const struct run_set *set)
{
	size_t i;

	if (!p->environments)
		return set->protected;
	for (i = 0; i < p->nr_envs; i++)
		if (!strcmp(p->environments[i], set->env))
			return 1;
	return 0;
}

static int allowed(const struct plan_policy *p, const char *comp,
		   const char *addr)
{
	size_t i, len = strlen(comp);

	for (i = 0; i < p->nr_allow; i++) {
		const char *g = p->allow_destroy[i];
		const char *colon = strchr(g, ':');

		if (colon && ((size_t)(colon - g) != len || strncmp(g, comp, len)))
			continue;
		if (!fnmatch(colon ? colon + 1 : g, addr, 0))
			return 1;
	}
	return 0;
}

static void add(struct plan_violations *out, const char *comp,
		const char *addr, const char *rule, char *msg)
{
	struct plan_violation v = { xstrdup(comp), addr ? xstrdup(addr) : NULL,
				    rule, msg };

	ALLOC_GROW(out->v, out->nr, out->alloc);
	out->v[out->nr++] = v;
}

void plan_policy_check(struct plan_violations *out, const struct plan_policy *p,
		       const struct run_set *set, const struct tg_result *res)
{
	size_t i, k;

	if (!plan_policy_protects(p, set))
		return;
	for (i = 0; i < set->nr; i++) {
		const struct tg_result *r = &res[i];
		const char *comp = set->units[i].name;

		if (r->status != TG_CHANGES && r->status != TG_NO_CHANGES)
			continue;
		for (k = 0; p->deny_destroy && k < r->sum.nr_res; k++) {
			const struct plan_resource *pr = &r->sum.res[k];

			if (!pr->managed || !tfplan_action_destroys(pr->action) ||
			    allowed(p, comp, pr->address))
				continue;
			add(out, comp, pr->address, "deny_destroy",
			    xasprintf("would be %s in protected environment '%s'",
				      pr->action == PLAN_DELETE ? "destroyed" :
				      "replaced", set->env));
		}
		if (p->deny_mock_outputs && r->used_mocks)
			add(out, comp, NULL, "deny_mock_outputs",
			    xasprintf("cannot be applied in protected environment '%s': %s",
				      set->env, r->mock_reason));
	}
}

void plan_violations_release(struct plan_violations *v)
{
	size_t i;

	for (i = 0; i < v->nr; i++) {
		free(v->v[i].component);
		free(v->v[i].address);
		free(v->v[i].message);
	}
	free(v->v);
	memset(v, 0, sizeof(*v));
}

int plan_policy_check_envs(const struct plan_policy *p,
			   const struct stack *st, struct err *err)
{
	const char **names = xcalloc(st->nr_envs + 1, sizeof(*names));
	const char *near;
	size_t i, j;
	int ret = 0;

	for (j = 0; j < st->nr_envs; j++)
		names[j] = st->envs[j].name;
	for (i = 0; i < p->nr_envs && !ret; i++) {
		if (stack_env_find(st, p->environments[i]) >= 0)
			continue;
		/* a typo would leave the real environment unprotected */
		near = suggest_closest(p->environments[i], names, st->nr_envs);
		ret = err_set(err, ERR_INPUT, "%s: environments: unknown "
			      "environment '%s'%s%s%s", p->source,
			      p->environments[i], near ? " (did you mean '" : "",
			      near ? near : "", near ? "'?)" : "");
	}
	free(names);
	return ret;
}
