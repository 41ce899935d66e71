/*
 * The verdict: waivers, baseline and ignore_unfixed settle each finding's
 * status; every threshold set in the policy is then checked on its own
 * (over all tools, per tool, per category) and every breach is a reason
 * spelled out; SonarQube's own quality gate and the state of the waivers are
 * conditions too.  The verdict is the worst condition.
 */
#include "gate/gate.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/glob.h"
#include "util/xalloc.h"

#define EXPIRING_DAYS 14

const char *gate_verdict_name(enum verdict v)
{
	static const char *const names[] = { "PASS", "WARN", "FAIL" };

	return names[v];
}

static struct gate_condition *add_cond(struct gate_result *res,
				       enum verdict status, const char *scope,
				       const char *name)
{
	struct gate_condition *c;

	ALLOC_GROW(res->conds, res->nr_conds, res->alloc_conds);
	c = &res->conds[res->nr_conds++];
	memset(c, 0, sizeof(*c));
	c->status = status;
	c->scope = xstrdup(scope);
	c->name = xstrdup(name);
	if (status > res->verdict)
		res->verdict = status;
	return c;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, f);
	buf_vaddf(&b, f, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

static const struct gate_limits *scope_limits(const struct gate_scope *s,
					      size_t nr, const char *name)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(s[i].name, name))
			return &s[i].lim;
	return NULL;
}

/* A per-finding setting: category over tool over the top level. */
static int setting(const struct gate_policy *pol, const struct finding *f,
		   int unknown_as)
{
	const struct gate_limits *l[3] = {
		scope_limits(pol->categories, pol->nr_categories,
			     gate_category_name(f->category)),
		scope_limits(pol->tools, pol->nr_tools, f->tool),
		&pol->top,
	};
	int i, v;

	for (i = 0; i < 3; i++) {
		if (!l[i])
			continue;
		v = unknown_as ? l[i]->unknown_as : l[i]->ignore_unfixed;
		if (v >= 0)
			return v;
	}
	return unknown_as ? SEV_HIGH : 0;
}

/* The severity a finding counts as against thresholds. */
static enum gate_severity effective(const struct gate_policy *pol,
			       const struct finding *f)
{
	return f->severity == SEV_UNKNOWN ?
		(enum gate_severity)setting(pol, f, 1) : f->severity;
}

static int env_applies(const struct gate_waiver *w, const char *env)
{
	char **e;

	if (!w->envs)
		return 1;
	for (e = w->envs; *e; e++)
		if (env && !strcmp(*e, env))
			return 1;
	return 0;
}

static int waiver_matches(const struct gate_waiver *w, const struct finding *f)
{
	if (w->tool && strcmp(w->tool, f->tool))
		return 0;
	if (!glob_match(w->rule, f->rule_id, 0))
		return 0;
	if (w->path && !glob_match(w->path, f->path ? f->path : "", 1))
		return 0;
	if (w->resource && !glob_match(w->resource, f->resource ? f->resource : "", 0))
		return 0;
	return 1;
}

static void classify_waivers(struct gate_result *res,
			     const struct gate_policy *pol, long today)
{
	size_t i;

	res->waiver_state = xcalloc(pol->nr_waivers + 1, sizeof(int));
	res->waiver_hits = xcalloc(pol->nr_waivers + 1, sizeof(size_t));
	for (i = 0; i < pol->nr_waivers; i++) {
		const struct gate_waiver *w = &pol->waivers[i];

		if (!env_applies(w, pol->env))
			res->waiver_state[i] = WAIVER_OTHER_ENV;
		else if (w->expires_day < today)
			res->waiver_state[i] = WAIVER_EXPIRED;
		else if (w->expires_day - today <= EXPIRING_DAYS)
			res->waiver_state[i] = WAIVER_EXPIRING;
	}
}

/* open, waived (by the first live waiver), baseline or ignored. */
static void settle(struct gate_result *res, const struct gate_policy *pol,
		   const struct strmap *baseline, struct finding *f)
{
	size_t i;

	if (f->suppressed) {	/* the tool's own: checkov:skip, SARIF */
		f->status = ST_WAIVED;
		return;
	}
	f->status = ST_OPEN;
	f->waived_by = NULL;
	for (i = 0; i < pol->nr_waivers; i++) {
		int st = res->waiver_state[i];

		if (st == WAIVER_OTHER_ENV || !waiver_matches(&pol->waivers[i], f))
			continue;
		res->waiver_hits[i]++;
		if (st != WAIVER_EXPIRED && f->status == ST_OPEN) {
			f->status = ST_WAIVED;
			f->waived_by = pol->waivers[i].id;
		}
	}
	if (f->status == ST_OPEN && baseline) {
		int found;

		strmap_get(baseline, f->fingerprint, &found);
		if (found)
			f->status = ST_BASELINE;
	}
	if (f->status == ST_OPEN && f->category == CAT_VULNERABILITY &&
	    !strcmp(f->tool, "trivy") && f->pkg_name && !f->pkg_fixed &&
	    setting(pol, f, 0))
		f->status = ST_IGNORED;
}

struct scope {
	const char *prefix;	/* "", "tools.trivy.", "categories.secret." */
	const char *scope;	/* "all", "tools.trivy", "categories.secret" */
	const char *label;	/* how reasons name it */
	const char *tool;	/* filter, or NULL */
	int category;		/* filter, or -1 */
	const struct gate_limits *lim;
};

static int in_scope(const struct scope *sc, const struct finding *f)
{
	return f->status == ST_OPEN && (!sc->tool || !strcmp(sc->tool, f->tool)) &&
	       (sc->category < 0 || (int)f->category == sc->category);
}

/* "trivy" or "trivy 2, checkov 1": who the counted findings come from. */
static void contributors(struct buf *out, const struct gate_input *in,
			 const struct gate_policy *pol, const struct scope *sc,
			 enum gate_severity sev)
{
	const char *tools[16];
	size_t counts[16], nr = 0, i, j;

	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[i];

		if (!in_scope(sc, f) || effective(pol, f) != sev)
			continue;
		for (j = 0; j < nr && strcmp(tools[j], f->tool); j++)
			;
		if (j == nr && nr < 16) {
			tools[nr] = f->tool;
			counts[nr++] = 0;
		}
		if (j < nr)
			counts[j]++;
	}
	for (i = 0; i < nr; i++) {
		if (nr == 1)
			buf_addstr(out, tools[i]);
		else
			buf_addf(out, "%s%s %zu", i ? ", " : "", tools[i], counts[i]);
	}
}

static void breach(struct gate_result *res, struct gate_input *in,
		   const struct gate_policy *pol, const struct scope *sc,
		   struct gate_condition *c, enum gate_severity sev, size_t n,
		   size_t unknown, const char *key, long limit)
{
	struct buf r = BUF_INIT;
	size_t i;

	buf_addf(&r, "%s", sc->label);
	contributors(&r, in, pol, sc, sev);
	buf_addf(&r, ": %zu %s finding%s", n, gate_severity_name(sev), n == 1 ? "" : "s");
	if (unknown)
		buf_addf(&r, " (%zu without a severity, counted as %s)", unknown,
			 gate_severity_name(sev));
	buf_addf(&r, " > %s%s.%s = %ld", sc->prefix, key, gate_severity_name(sev), limit);
	if (pol->env)
		buf_addf(&r, " (env %s)", pol->env);
	c->reason = buf_detach(&r, NULL);
	if (c->status != V_FAIL)
		return;
	for (i = 0; i < in->nr; i++)
		if (in_scope(sc, &in->findings[i]) &&
		    effective(pol, &in->findings[i]) == sev)
			in->findings[i].blocking = 1;
	(void)res;
}

static void check_scope(struct gate_result *res, struct gate_input *in,
			const struct gate_policy *pol, const struct scope *sc)
{
	size_t n[SEV_RATED] = { 0 }, unknown[SEV_RATED] = { 0 }, i;
	int s, fail;

	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[i];
		enum gate_severity e;

		if (!in_scope(sc, f))
			continue;
		e = effective(pol, f);
		n[e]++;
		unknown[e] += f->severity == SEV_UNKNOWN;
	}
	for (fail = 1; fail >= 0; fail--)
		for (s = 0; s < SEV_RATED; s++) {
			long limit = fail ? sc->lim->fail_on[s] : sc->lim->warn_on[s];
			const char *key = fail ? "fail_on" : "warn_on";
			struct gate_condition *c;
			char name[160];

			if (limit < 0)
				continue;
			snprintf(name, sizeof(name), "%s%s.%s <= %ld", sc->prefix,
				 key, gate_severity_name(s), limit);
			c = add_cond(res, (size_t)limit >= n[s] ? V_PASS :
				     fail ? V_FAIL : V_WARN, sc->scope, name);
			c->detail = fmt("%zu %s finding%s", n[s], gate_severity_name(s),
					n[s] == 1 ? "" : "s");
			if (c->status != V_PASS)
				breach(res, in, pol, sc, c, (enum gate_severity)s, n[s],
				       unknown[s], key, limit);
		}
}

static void check_thresholds(struct gate_result *res, struct gate_input *in,
			     const struct gate_policy *pol)
{
	struct scope sc = { "", "all", "", NULL, -1, &pol->top };
	char prefix[160], scope[128], label[128];
	size_t i;

	check_scope(res, in, pol, &sc);
	for (i = 0; i < pol->nr_tools; i++) {
		snprintf(scope, sizeof(scope), "tools.%s", pol->tools[i].name);
		snprintf(prefix, sizeof(prefix), "%s.", scope);
		sc = (struct scope){ prefix, scope, "", pol->tools[i].name, -1,
				     &pol->tools[i].lim };
		check_scope(res, in, pol, &sc);
	}
	for (i = 0; i < pol->nr_categories; i++) {
		snprintf(scope, sizeof(scope), "categories.%s",
			 pol->categories[i].name);
		snprintf(prefix, sizeof(prefix), "%s.", scope);
		snprintf(label, sizeof(label), "%s findings of ",
			 pol->categories[i].name);
		sc = (struct scope){ prefix, scope, label, NULL,
				     gate_category_parse(pol->categories[i].name),
				     &pol->categories[i].lim };
		check_scope(res, in, pol, &sc);
	}
}

/* "new_coverage 82.5 < 85": the conditions SonarQube failed. */
static void failed_sonar_conditions(struct buf *out, const struct sonar_info *s)
{
	size_t i, nr = 0;

	for (i = 0; i < s->nr_conditions; i++) {
		const struct sonar_condition *c = &s->conditions[i];
		char *end;
		double actual;

		if (!c->status || !strcmp(c->status, "OK"))
			continue;
		actual = c->actual ? strtod(c->actual, &end) : 0;
		buf_addf(out, "%s%s ", nr++ ? ", " : " (", c->metric ? c->metric : "?");
		if (c->actual && end != c->actual && !*end)
			buf_addf(out, "%g", actual);
		else
			buf_addstr(out, c->actual ? c->actual : "?");
		if (c->threshold)
			buf_addf(out, " %s %s", c->comparator && !strcmp(c->comparator, "LT") ?
				 "<" : ">", c->threshold);
	}
	if (nr)
		buf_addch(out, ')');
}

static void check_sonar(struct gate_result *res, const struct gate_input *in,
			const struct gate_policy *pol)
{
	static const char *const modes[] = { "required", "advisory", "ignore" };
	const struct sonar_info *s = &in->sonar;
	struct gate_condition *c;
	enum verdict v;
	struct buf r = BUF_INIT;

	if (s->truncated) {
		c = add_cond(res, V_WARN, "sonarqube", "sonarqube results complete");
		c->detail = xstrdup("truncated");
		c->reason = xstrdup("sonarqube: more results than the Web API returns "
				    "(10000): only the first were read; rely on "
				    "the quality gate");
	}
	if (pol->sonar_gate == SONAR_IGNORE || (!s->status && !s->have_task))
		return;
	if (!s->status) {
		c = add_cond(res, V_WARN, "sonarqube", "sonarqube quality gate");
		c->detail = xstrdup("not read");
		c->reason = xstrdup("sonarqube: report-task.txt read but no quality "
				    "gate status; save api/qualitygates/project_status"
				    "?analysisId=... as a report");
		return;
	}
	if (!strcmp(s->status, "OK"))
		v = V_PASS;
	else if (!strcmp(s->status, "WARN") || pol->sonar_gate == SONAR_ADVISORY)
		v = V_WARN;
	else
		v = V_FAIL;	/* ERROR, and NONE: no gate is no pass */
	c = add_cond(res, v, "sonarqube", "sonarqube quality gate");
	c->detail = xstrdup(s->status);
	if (v == V_PASS)
		return;
	buf_addf(&r, "sonarqube: quality gate %s", s->status);
	failed_sonar_conditions(&r, s);
	buf_addf(&r, " with sonar_gate = %s", modes[pol->sonar_gate]);
	c->reason = buf_detach(&r, NULL);
}

static void check_waivers(struct gate_result *res, const struct gate_policy *pol,
			  long today)
{
	size_t i;

	for (i = 0; i < pol->nr_waivers; i++) {
		const struct gate_waiver *w = &pol->waivers[i];
		int st = res->waiver_state[i];
		struct gate_condition *c;
		char name[256];

		if (st == WAIVER_OTHER_ENV)
			continue;
		if (st != WAIVER_EXPIRED && !res->waiver_hits[i])
			st = res->waiver_state[i] = WAIVER_STALE;
		snprintf(name, sizeof(name), "waiver %s", w->id);
		c = add_cond(res, st == WAIVER_EXPIRED ? V_FAIL :
			     st == WAIVER_OK ? V_PASS : V_WARN, "waivers", name);
		c->detail = fmt("rule %s, owner %s, expires %s, %zu finding%s",
				w->rule, w->owner, w->expires, res->waiver_hits[i],
				res->waiver_hits[i] == 1 ? "" : "s");
		if (st == WAIVER_EXPIRED)
			c->reason = fmt("waiver %s (rule %s, owner %s) expired on %s: "
					"it no longer waives %zu finding%s", w->id,
					w->rule, w->owner, w->expires,
					res->waiver_hits[i],
					res->waiver_hits[i] == 1 ? "" : "s");
		else if (st == WAIVER_STALE)
			c->reason = fmt("waiver %s (rule %s) matches no finding: "
					"stale, remove it", w->id, w->rule);
		else if (st == WAIVER_EXPIRING)
			c->reason = fmt("waiver %s (rule %s, owner %s) expires on %s, "
					"in %ld day%s", w->id, w->rule, w->owner,
					w->expires, w->expires_day - today,
					w->expires_day - today == 1 ? "" : "s");
	}
}

int gate_evaluate(struct gate_result **out, struct gate_input *in,
		  const struct gate_policy *pol, const struct strmap *baseline,
		  long today, struct err *err)
{
	struct gate_result *res = xcalloc(1, sizeof(*res));
	struct gate_condition *c;
	size_t i;

	(void)err;
	res->policy = pol;
	res->env = pol->env;
	gate_format_date(res->today, today);
	classify_waivers(res, pol, today);
	for (i = 0; i < in->nr; i++) {
		struct finding *f = &in->findings[i];

		f->blocking = 0;
		settle(res, pol, baseline, f);
		if (f->status == ST_OPEN)
			res->counts[f->severity]++;
		res->waived += f->status == ST_WAIVED;
		res->baselined += f->status == ST_BASELINE;
		res->ignored += f->status == ST_IGNORED;
	}
	/* one condition always: the JUnit file is never empty */
	c = add_cond(res, V_PASS, "reports", "reports read");
	c->detail = fmt("%zu finding%s from %zu report%s", in->nr,
			in->nr == 1 ? "" : "s", in->nr_sources,
			in->nr_sources == 1 ? "" : "s");
	check_thresholds(res, in, pol);
	check_sonar(res, in, pol);
	check_waivers(res, pol, today);
	*out = res;
	return 0;
}

void gate_result_free(struct gate_result *res)
{
	size_t i;

	if (!res)
		return;
	for (i = 0; i < res->nr_conds; i++) {
		free(res->conds[i].name);
		free(res->conds[i].scope);
		free(res->conds[i].reason);
		free(res->conds[i].detail);
	}
	free(res->conds);
	free(res->waiver_state);
	free(res->waiver_hits);
	free(res);
}
