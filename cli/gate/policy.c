/*
 * The gate policy, version 1 (docs/design.md "Gate rules"),
 * read through util/yaml.h so that every error names FILE:LINE:COL.
 *
 * An environment block holds any of the top-level keys and is deep-merged
 * over them: maps merge key by key (fail_on, warn_on, tools, categories),
 * scalars and lists (waivers) replace.  `null` removes a threshold.  Every
 * environment block is checked, not only the one applied.
 */
#include "gate/gate.h"

#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/xalloc.h"
#include "util/yaml.h"

static const char *const top_keys[] = {
	"version", "fail_on", "warn_on", "unknown_as", "ignore_unfixed",
	"sonar_gate", "tools", "categories", "environments", "waivers",
	"baseline", NULL
};
static const char *const scope_keys[] = {
	"fail_on", "warn_on", "unknown_as", "ignore_unfixed", NULL
};
static const char *const sev_keys[] = {
	"critical", "high", "medium", "low", "info", NULL
};
static const char *const waiver_keys[] = {
	"id", "tool", "rule", "path", "resource", "reason", "owner", "expires",
	"environments", NULL
};

struct pctx {
	const struct yaml_doc *doc;
	struct err *err;
};

static void limits_init(struct gate_limits *l)
{
	int i;

	for (i = 0; i < SEV_RATED; i++)
		l->fail_on[i] = l->warn_on[i] = -1;
	l->unknown_as = -1;
	l->ignore_unfixed = -1;
}

static int parse_thresholds(long *out, struct pctx *c,
			    const struct yaml_node *map, const char *what)
{
	size_t i;

	if (yaml_expect(c->doc, map, YAML_T_MAP, what, c->err) ||
	    yaml_check_keys(c->doc, map, sev_keys, what, c->err))
		return -1;
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_node *v = map->pairs[i].value;
		int sev = gate_severity_parse(map->pairs[i].key->str,
					 map->pairs[i].key->len);
		long long n;

		if (yaml_type_of(v) == YAML_T_NULL) {
			out[sev] = -1;
			continue;
		}
		if (yaml_get_int(&n, c->doc, v, 0, 1000000000, what, c->err))
			return -1;
		out[sev] = (long)n;
	}
	return 0;
}

static int parse_severity(int *out, struct pctx *c, const struct yaml_node *v,
			  const char *what)
{
	int sev;

	if (yaml_expect(c->doc, v, YAML_T_STR, what, c->err))
		return -1;
	sev = gate_severity_parse(v->str, v->len);
	if (sev < 0 || sev == SEV_UNKNOWN)
		return yaml_err(c->err, c->doc, v, "%s must be critical, high, "
				"medium, low or info, not '%s'", what, v->str);
	*out = sev;
	return 0;
}

/* fail_on, warn_on, unknown_as, ignore_unfixed: merged over `l`. */
static int parse_limit_key(struct gate_limits *l, struct pctx *c,
			   const char *key, const struct yaml_node *v,
			   const char *where)
{
	char what[128];
	int b;

	snprintf(what, sizeof(what), "%s%s", where, key);
	if (!strcmp(key, "fail_on"))
		return parse_thresholds(l->fail_on, c, v, what);
	if (!strcmp(key, "warn_on"))
		return parse_thresholds(l->warn_on, c, v, what);
	if (!strcmp(key, "unknown_as"))
		return parse_severity(&l->unknown_as, c, v, what);
	if (!strcmp(key, "ignore_unfixed")) {
		if (yaml_get_bool(&b, c->doc, v, what, c->err))
			return -1;
		l->ignore_unfixed = b;
	}
	return 0;
}

static struct gate_scope *scope_get(struct gate_scope **arr, size_t *nr,
				    const char *name)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if (!strcmp((*arr)[i].name, name))
			return &(*arr)[i];
	*arr = xreallocarray(*arr, *nr + 1, sizeof(**arr));
	(*arr)[*nr].name = xstrdup(name);
	limits_init(&(*arr)[*nr].lim);
	return &(*arr)[(*nr)++];
}

static int parse_scopes(struct gate_policy *pol, struct pctx *c,
			const struct yaml_node *map, int categories)
{
	const char *what = categories ? "categories" : "tools";
	size_t i, j;

	if (yaml_expect(c->doc, map, YAML_T_MAP, what, c->err))
		return -1;
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_node *k = map->pairs[i].key, *v = map->pairs[i].value;
		struct gate_scope *s;
		char where[128];

		if (categories && gate_category_parse(k->str) < 0)
			return yaml_err(c->err, c->doc, k, "unknown category '%s' "
					"(vulnerability, misconfiguration, secret, "
					"bug, code_smell, hotspot, license)", k->str);
		if (!categories && (!k->len || strspn(k->str,
			"abcdefghijklmnopqrstuvwxyz0123456789_-") != k->len))
			return yaml_err(c->err, c->doc, k, "bad tool name '%s' "
					"(lower case, as in the findings: trivy, "
					"checkov, sonarqube, ...)", k->str);
		snprintf(where, sizeof(where), "%s.%s", what, k->str);
		if (yaml_expect(c->doc, v, YAML_T_MAP, where, c->err) ||
		    yaml_check_keys(c->doc, v, scope_keys, where, c->err))
			return -1;
		s = categories ? scope_get(&pol->categories, &pol->nr_categories, k->str) :
			scope_get(&pol->tools, &pol->nr_tools, k->str);
		snprintf(where, sizeof(where), "%s.%s.", what, k->str);
		for (j = 0; j < v->nr_pairs; j++)
			if (parse_limit_key(&s->lim, c, v->pairs[j].key->str,
					    v->pairs[j].value, where))
				return -1;
	}
	return 0;
}

static int get_str(char **out, struct pctx *c, const struct yaml_node *v,
		   const char *what)
{
	if (!v || v->kind != YAML_SCALAR || yaml_type_of(v) == YAML_T_NULL ||
	    !v->len)
		return yaml_err(c->err, c->doc, v, "%s must be a non-empty string",
				what);
	free(*out);
	*out = xstrndup(v->str, v->len);
	return 0;
}

static int parse_waiver_envs(struct gate_waiver *w, struct pctx *c,
			     const struct yaml_node *v)
{
	size_t i;

	if (yaml_expect(c->doc, v, YAML_T_SEQ, "waiver environments", c->err))
		return -1;
	w->envs = xcalloc(v->nr_items + 1, sizeof(*w->envs));
	for (i = 0; i < v->nr_items; i++)
		if (get_str(&w->envs[i], c, v->items[i], "an environment name"))
			return -1;
	return 0;
}

static int parse_waiver(struct gate_waiver *w, struct pctx *c,
			const struct yaml_node *map)
{
	static const char *const required[] = { "rule", "reason", "owner",
						"expires" };
	char **slots[] = { &w->id, &w->tool, &w->rule, &w->path, &w->resource,
			   &w->reason, &w->owner };
	size_t i, j;

	w->line = map->line;
	if (yaml_expect(c->doc, map, YAML_T_MAP, "a waiver", c->err) ||
	    yaml_check_keys(c->doc, map, waiver_keys, "a waiver", c->err))
		return -1;
	for (i = 0; i < ARRAY_SIZE(required); i++)
		if (!yaml_map_get(map, required[i]))
			return yaml_err(c->err, c->doc, map, "waiver without "
					"'%s' (rule, reason, owner and expires "
					"are required)", required[i]);
	for (i = 0; i < map->nr_pairs; i++) {
		const char *k = map->pairs[i].key->str;
		const struct yaml_node *v = map->pairs[i].value;
		char what[64];

		snprintf(what, sizeof(what), "waiver %s", k);
		if (!strcmp(k, "environments")) {
			if (parse_waiver_envs(w, c, v))
				return -1;
			continue;
		}
		if (!strcmp(k, "expires")) {
			if (v->kind != YAML_SCALAR || v->len != 10 ||
			    (w->expires_day = gate_parse_date(v->str)) < 0)
				return yaml_err(c->err, c->doc, v, "waiver expires "
						"must be a date YYYY-MM-DD, not "
						"'%s'", v->str ? v->str : "");
			memcpy(w->expires, v->str, 11);
			continue;
		}
		for (j = 0; j < ARRAY_SIZE(waiver_keys) - 1; j++)
			if (!strcmp(k, waiver_keys[j]) && j < ARRAY_SIZE(slots) &&
			    get_str(slots[j], c, v, what))
				return -1;
	}
	return 0;
}

static void waivers_free(struct gate_waiver *w, size_t nr)
{
	size_t i;
	char **e;

	for (i = 0; i < nr; i++) {
		free(w[i].id);
		free(w[i].tool);
		free(w[i].rule);
		free(w[i].path);
		free(w[i].resource);
		free(w[i].reason);
		free(w[i].owner);
		for (e = w[i].envs; e && *e; e++)
			free(*e);
		free(w[i].envs);
	}
	free(w);
}

static int parse_waivers(struct gate_policy *pol, struct pctx *c,
			 const struct yaml_node *seq)
{
	size_t i, j;

	if (yaml_expect(c->doc, seq, YAML_T_SEQ, "waivers", c->err))
		return -1;
	waivers_free(pol->waivers, pol->nr_waivers);
	pol->waivers = xcalloc(seq->nr_items + 1, sizeof(*pol->waivers));
	pol->nr_waivers = seq->nr_items;
	for (i = 0; i < seq->nr_items; i++) {
		struct gate_waiver *w = &pol->waivers[i];

		if (parse_waiver(w, c, seq->items[i]))
			return -1;
		if (!w->id)
			w->id = xasprintf("waiver at %s:%u", c->doc->filename,
					  w->line);
		for (j = 0; j < i; j++)
			if (!strcmp(pol->waivers[j].id, w->id))
				return yaml_err(c->err, c->doc, seq->items[i],
						"waiver id '%s' is used twice",
						w->id);
	}
	return 0;
}

static int parse_sonar_gate(struct gate_policy *pol, struct pctx *c,
			    const struct yaml_node *v)
{
	static const char *const modes[] = { "required", "advisory", "ignore" };
	size_t i;

	if (v->kind == YAML_SCALAR)
		for (i = 0; i < ARRAY_SIZE(modes); i++)
			if (!strcmp(v->str, modes[i])) {
				pol->sonar_gate = (enum sonar_gate_mode)i;
				return 0;
			}
	return yaml_err(c->err, c->doc, v, "sonar_gate must be required, "
			"advisory or ignore, not '%s'", v->str ? v->str : "");
}

/* The keys a top-level or environment block may hold, merged over `pol`. */
static int parse_block(struct gate_policy *pol, struct pctx *c,
		       const struct yaml_node *map)
{
	size_t i;

	for (i = 0; i < map->nr_pairs; i++) {
		const char *k = map->pairs[i].key->str;
		const struct yaml_node *v = map->pairs[i].value;
		int ret = 0;

		if (!strcmp(k, "sonar_gate"))
			ret = parse_sonar_gate(pol, c, v);
		else if (!strcmp(k, "tools"))
			ret = parse_scopes(pol, c, v, 0);
		else if (!strcmp(k, "categories"))
			ret = parse_scopes(pol, c, v, 1);
		else if (!strcmp(k, "waivers"))
			ret = parse_waivers(pol, c, v);
		else if (!strcmp(k, "baseline") && yaml_type_of(v) == YAML_T_NULL) {
			free(pol->baseline);
			pol->baseline = NULL;
		} else if (!strcmp(k, "baseline"))
			ret = get_str(&pol->baseline, c, v, "baseline");
		else
			ret = parse_limit_key(&pol->top, c, k, v, "");
		if (ret)
			return -1;
	}
	return 0;
}

static struct gate_policy *policy_new(const char *source, const char *env)
{
	struct gate_policy *pol = xcalloc(1, sizeof(*pol));

	pol->source = xstrdup(source);
	pol->env = env ? xstrdup(env) : NULL;
	limits_init(&pol->top);
	pol->top.unknown_as = SEV_HIGH;
	pol->top.ignore_unfixed = 0;
	pol->sonar_gate = SONAR_REQUIRED;
	return pol;
}

struct gate_policy *gate_policy_default(const char *env)
{
	struct gate_policy *pol = policy_new("built-in default", env);

	pol->top.fail_on[SEV_CRITICAL] = 0;
	pol->top.fail_on[SEV_HIGH] = 0;
	pol->top.warn_on[SEV_MEDIUM] = 20;
	return pol;
}

void gate_policy_free(struct gate_policy *pol)
{
	size_t i;

	if (!pol)
		return;
	for (i = 0; i < pol->nr_tools; i++)
		free(pol->tools[i].name);
	for (i = 0; i < pol->nr_categories; i++)
		free(pol->categories[i].name);
	free(pol->tools);
	free(pol->categories);
	waivers_free(pol->waivers, pol->nr_waivers);
	free(pol->baseline);
	free(pol->source);
	free(pol->env);
	free(pol);
}

/*
 * Every environment block is parsed (onto a scratch policy, so that a typo in
 * `dev` fails a run for `prod` too); the selected one onto `pol`.
 */
static int parse_envs(struct gate_policy *pol, struct pctx *c,
		      const struct yaml_node *map)
{
	size_t i;

	if (yaml_expect(c->doc, map, YAML_T_MAP, "environments", c->err))
		return -1;
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_node *v = map->pairs[i].value;
		const char *name = map->pairs[i].key->str;
		struct gate_policy *scratch;
		char what[128];
		int ret;

		snprintf(what, sizeof(what), "environments.%s", name);
		if (yaml_expect(c->doc, v, YAML_T_MAP, what, c->err) ||
		    yaml_check_keys(c->doc, v, top_keys + 1, what, c->err))
			return -1;
		if (yaml_map_get(v, "environments"))
			return yaml_err(c->err, c->doc, yaml_map_get(v, "environments"),
					"environments cannot nest");
		scratch = policy_new("", NULL);
		ret = parse_block(scratch, c, v);
		gate_policy_free(scratch);
		if (ret || (pol->env && !strcmp(pol->env, name) &&
			    parse_block(pol, c, v)))
			return -1;
	}
	return 0;
}

int gate_policy_parse(struct gate_policy **out, const char *data, size_t len,
		      const char *name, const char *env, struct err *err)
{
	struct yaml_doc *doc = NULL;
	struct gate_policy *pol = NULL;
	struct pctx c = { NULL, err };
	const struct yaml_node *root, *v;
	long long version;
	int ret = -1;

	*out = NULL;
	if (yaml_load(&doc, data, len, name, err))
		return err->code;
	c.doc = doc;
	root = doc->root;
	if (!root || root->kind != YAML_MAP) {
		ret = err_set(err, ERR_INPUT, "%s:1:1: a gate policy is a mapping "
			      "with version: 1", name);
		goto out;
	}
	if (yaml_check_keys(doc, root, top_keys, "the gate policy", err))
		goto out;
	if (!(v = yaml_map_get(root, "version"))) {
		ret = yaml_err(err, doc, root, "gate policy without 'version: 1'");
		goto out;
	}
	if (yaml_get_int(&version, doc, v, 1, 1, "version", err))
		goto out;
	pol = policy_new(name, env);
	if (parse_block(pol, &c, root))
		goto out;
	if ((v = yaml_map_get(root, "environments")) && parse_envs(pol, &c, v))
		goto out;
	*out = pol;
	pol = NULL;
	ret = 0;
out:
	if (ret && !err_is_set(err))
		ret = err_set(err, ERR_INPUT, "%s: invalid gate policy", name);
	else if (ret)
		ret = err->code;
	gate_policy_free(pol);
	yaml_doc_free(doc);
	return ret;
}

int gate_policy_load(struct gate_policy **out, const char *path,
		     const char *env, struct err *err)
{
	struct buf data = BUF_INIT;
	int ret;

	*out = NULL;
	if ((ret = fs_read_file(&data, path, err)))
		return err_prefix(err, "gate policy");
	ret = gate_policy_parse(out, data.ptr, data.len, path, env, err);
	buf_release(&data);
	return ret;
}

/* Days from 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long gate_parse_date(const char *s)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
					  31, 30, 31 };
	unsigned y, m, d;
	int i;

	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[10])
		return -1;
	y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		       (s[2] - '0') * 10 + (s[3] - '0'));
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return -1;
	return days_from_civil((long)y, m, d);
}

void gate_format_date(char out[11], long day)
{
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long y = (long)yoe + era * 400 + (m <= 2);

	unsigned yy = (unsigned)(y % 10000);

	out[0] = (char)('0' + yy / 1000);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}
