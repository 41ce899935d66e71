/*
 * -o json: schema mds-infra/gate/v1, exactly as docs/design.md pins it.
 * `counts` and `by_tool` count open findings by their own severity
 * (`unknown` stays unknown); `sources[].findings` counts all that was read.
 */
#include "gate/write_common.h"

#include <stdlib.h>
#include <string.h>

#include "json/jsonw.h"
#include "util/xalloc.h"

static void counts(struct jsonw *w, const size_t *c)
{
	int s;

	jw_obj(w);
	for (s = 0; s < SEV_COUNT; s++)
		jw_kint(w, gate_severity_name(s), (long long)c[s]);
	jw_end(w, '}');
}

static void sources(struct jsonw *w, const struct gate_input *in)
{
	size_t i;

	jw_arr(w);
	for (i = 0; i < in->nr_sources; i++) {
		jw_obj(w);
		jw_kstr(w, "tool", in->sources[i].tool);
		jw_kstr(w, "path", in->sources[i].path);
		jw_kstr(w, "format", in->sources[i].format);
		jw_kint(w, "findings", (long long)in->sources[i].findings);
		jw_end(w, '}');
	}
	jw_end(w, ']');
}

static void sonar(struct jsonw *w, const struct sonar_info *s)
{
	size_t i;

	if (!s->status && !s->have_task) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	jw_kstr(w, "status", s->status);
	jw_key(w, "conditions");
	jw_arr(w);
	for (i = 0; i < s->nr_conditions; i++) {
		jw_obj(w);
		jw_kstr(w, "status", s->conditions[i].status);
		jw_kstr(w, "metric", s->conditions[i].metric);
		jw_kstr(w, "comparator", s->conditions[i].comparator);
		jw_kstr(w, "threshold", s->conditions[i].threshold);
		jw_kstr(w, "actual", s->conditions[i].actual);
		jw_end(w, '}');
	}
	jw_end(w, ']');
	if (s->dashboard_url)
		jw_kstr(w, "dashboard_url", s->dashboard_url);
	jw_end(w, '}');
}

static void waivers(struct jsonw *w, const struct gate_result *res, int state)
{
	const struct gate_policy *pol = res->policy;
	size_t i;

	jw_arr(w);
	for (i = 0; i < pol->nr_waivers; i++) {
		if (res->waiver_state[i] != state)
			continue;
		jw_obj(w);
		jw_kstr(w, "id", pol->waivers[i].id);
		jw_kstr(w, "rule", pol->waivers[i].rule);
		jw_kstr(w, "owner", pol->waivers[i].owner);
		jw_kstr(w, "expires", pol->waivers[i].expires);
		jw_end(w, '}');
	}
	jw_end(w, ']');
}

static void line(struct jsonw *w, const char *key, unsigned n)
{
	jw_key(w, key);
	if (n)
		jw_int(w, n);
	else
		jw_null(w);
}

static void finding(struct jsonw *w, const struct finding *f)
{
	jw_obj(w);
	jw_kstr(w, "tool", f->tool);
	jw_kstr(w, "rule_id", f->rule_id);
	jw_kstr(w, "title", f->title);
	jw_kstr(w, "severity", gate_severity_name(f->severity));
	jw_kstr(w, "category", gate_category_name(f->category));
	jw_key(w, "location");
	jw_obj(w);
	jw_kstr(w, "path", f->path);
	line(w, "start_line", f->start_line);
	line(w, "end_line", f->end_line);
	jw_kstr(w, "resource", f->resource);
	jw_end(w, '}');
	jw_key(w, "package");
	if (f->pkg_name) {
		jw_obj(w);
		jw_kstr(w, "name", f->pkg_name);
		jw_kstr(w, "installed", f->pkg_installed);
		jw_kstr(w, "fixed", f->pkg_fixed);
		jw_end(w, '}');
	} else {
		jw_null(w);
	}
	jw_kstr(w, "url", f->url);
	jw_kstr(w, "fingerprint", f->fingerprint);
	jw_kstr(w, "status", gate_status_name(f->status));
	jw_key(w, "blocking");
	jw_bool(w, f->blocking);
	jw_kstr(w, "waived_by", f->waived_by);
	jw_end(w, '}');
}

void gate_write_json(struct buf *out, const struct gate_input *in,
		     const struct gate_result *res)
{
	struct tool_counts tc[MAX_TOOLS];
	const char **why = xcalloc(res->nr_conds + 1, sizeof(*why));
	size_t nr_tools = gate_tools_counts(tc, in), nr_why = gate_reasons(why, res), i;
	size_t *order = gate_findings_sorted(in);
	struct jsonw w;

	jw_init(&w, out, 1);
	jw_obj(&w);
	jw_kstr(&w, "schema", "mds-infra/gate/v1");
	jw_kstr(&w, "verdict", gate_verdict_name(res->verdict));
	jw_kstr(&w, "environment", res->env);
	jw_key(&w, "sources");
	sources(&w, in);
	jw_key(&w, "counts");
	counts(&w, res->counts);
	jw_key(&w, "by_tool");
	jw_obj(&w);
	for (i = 0; i < nr_tools; i++) {
		jw_key(&w, tc[i].tool);
		counts(&w, tc[i].open);
	}
	jw_end(&w, '}');
	jw_key(&w, "sonar");
	sonar(&w, &in->sonar);
	jw_key(&w, "reasons");
	jw_arr(&w);
	for (i = 0; i < nr_why; i++)
		jw_str(&w, why[i]);
	jw_end(&w, ']');
	jw_kint(&w, "waived", (long long)res->waived);
	jw_key(&w, "expired_waivers");
	waivers(&w, res, WAIVER_EXPIRED);
	jw_key(&w, "stale_waivers");
	waivers(&w, res, WAIVER_STALE);
	jw_key(&w, "findings");
	jw_arr(&w);
	for (i = 0; i < in->nr; i++)
		finding(&w, &in->findings[order[i]]);
	jw_end(&w, ']');
	jw_end(&w, '}');
	buf_addch(out, '\n');
	free(order);
	free(why);
}
