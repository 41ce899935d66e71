/*
 * plan.json (schema mds-infra/plan/v2, docs/plan.md), written as a stream
 * into the buffer rather than through a JSON tree: a plan may list tens of
 * thousands of resources, and a tree of them would cost far more memory
 * than the reader that streamed the plan in.  One resource per line.
 */
#include "plan/report.h"

#include <stdio.h>
#include <string.h>

static void quoted(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (char)c);
		} else if (c == '\n') {
			buf_addstr(out, "\\n");
		} else if (c == '\t') {
			buf_addstr(out, "\\t");
		} else if (c < 0x20) {
			buf_addf(out, "\\u%04x", c);
		} else {
			buf_addch(out, (char)c);
		}
	}
	buf_addch(out, '"');
}

static void str_or_null(struct buf *out, const char *s)
{
	if (s)
		quoted(out, s);
	else
		buf_addstr(out, "null");
}

/* `"key": ` at an indentation, after a comma unless first. */
static void key(struct buf *out, int indent, const char *k, int first)
{
	buf_addf(out, "%s\n%*s\"%s\": ", first ? "" : ",", indent, "", k);
}

static void actions(struct buf *out, enum plan_action a)
{
	const char *list = tfplan_action_list(a), *comma;

	buf_addch(out, '[');
	for (;;) {
		comma = strchr(list, ',');
		buf_addf(out, "\"%.*s\"", (int)(comma ? (size_t)(comma - list) :
						strlen(list)), list);
		if (!comma)
			break;
		buf_addstr(out, ", ");
		list = comma + 1;
	}
	buf_addch(out, ']');
}

/* The resources a component changes, moves or imports, in plan order. */
static void resources(struct buf *out, const struct plan_summary *sum)
{
	size_t k, n = 0;

	buf_addch(out, '[');
	for (k = 0; k < sum->nr_res; k++) {
		const struct plan_resource *pr = &sum->res[k];

		if (!tfplan_resource_listed(pr))
			continue;
		buf_addstr(out, n++ ? ",\n        {\"address\": " :
			   "\n        {\"address\": ");
		quoted(out, pr->address ? pr->address : "");
		buf_addf(out, ", \"action\": \"%s\", \"actions\": ",
			 tfplan_resource_verb(pr));
		actions(out, pr->action);
		buf_addstr(out, ", \"previous_address\": ");
		str_or_null(out, pr->moved ? pr->previous_address : NULL);
		buf_addf(out, ", \"importing\": %s}",
			 pr->importing ? "true" : "false");
	}
	buf_addstr(out, n ? "\n      ]" : "]");
}

static void counts(struct buf *out, int indent, const struct plan_summary *s,
		   int first)
{
	key(out, indent, "add", first);
	buf_addf(out, "%ld", s->add);
	key(out, indent, "change", 0);
	buf_addf(out, "%ld", s->change);
	key(out, indent, "destroy", 0);
	buf_addf(out, "%ld", s->destroy);
	key(out, indent, "import", 0);
	buf_addf(out, "%ld", s->import);
}

static void component(struct buf *out, const struct plan_report *rep, size_t i)
{
	const struct run_unit *u = &rep->set->units[i];
	const struct tg_result *r = &rep->res[i];
	const char *slash = r->plan_path ? strrchr(r->plan_path, '/') : NULL;
	int planned = r->status == TG_CHANGES || r->status == TG_NO_CHANGES;
	size_t k;

	buf_addstr(out, "    {");
	key(out, 6, "name", 1);
	quoted(out, u->name);
	key(out, 6, "status", 0);
	quoted(out, tg_status_name(r->status));
	counts(out, 6, &r->sum, 0);
	key(out, 6, "move", 0);
	buf_addf(out, "%ld", r->sum.move);
	key(out, 6, "forget", 0);
	buf_addf(out, "%ld", r->sum.forget);
	key(out, 6, "refresh_only_drift", 0);
	buf_addf(out, "%ld", r->sum.refresh_only ? r->sum.drift : 0);
	key(out, 6, "resources", 0);
	resources(out, &r->sum);
	key(out, 6, "plan_file", 0);
	str_or_null(out, planned && slash ? slash + 1 : NULL);
	key(out, 6, "duration_s", 0);
	buf_addf(out, "%.1f", r->duration_s);
	key(out, 6, "reason", 0);
	str_or_null(out, r->reason);
	key(out, 6, "used_mock_outputs", 0);
	buf_addstr(out, r->used_mocks ? "true" : "false");
	key(out, 6, "depends_on", 0);
	buf_addch(out, '[');
	for (k = 0; k < u->nr_deps; k++) {
		if (k)
			buf_addstr(out, ", ");
		quoted(out, rep->set->units[u->deps[k]].name);
	}
	buf_addch(out, ']');
	key(out, 6, "log", 0);
	str_or_null(out, r->log_path);
	buf_addstr(out, "\n    }");
}

static void violations(struct buf *out, const struct plan_violations *v)
{
	size_t i;

	buf_addch(out, '[');
	for (i = 0; v && i < v->nr; i++) {
		buf_addstr(out, i ? ",\n    {" : "\n    {");
		key(out, 6, "component", 1);
		quoted(out, v->v[i].component);
		key(out, 6, "address", 0);
		str_or_null(out, v->v[i].address);
		key(out, 6, "rule", 0);
		quoted(out, v->v[i].rule);
		key(out, 6, "message", 0);
		quoted(out, v->v[i].message);
		buf_addstr(out, "\n    }");
	}
	buf_addstr(out, v && v->nr ? "\n  ]" : "]");
}

void plan_report_json(struct buf *out, const struct plan_report *rep)
{
	struct plan_summary total = PLAN_SUMMARY_INIT;
	size_t i;

	buf_addch(out, '{');
	key(out, 2, "schema", 1);
	quoted(out, PLAN_SCHEMA);
	key(out, 2, "environment", 0);
	quoted(out, rep->set->env);
	key(out, 2, "changes_present", 0);
	buf_addstr(out, rep->changes_present ? "true" : "false");
	key(out, 2, "components", 0);
	buf_addch(out, '[');
	for (i = 0; i < rep->set->nr; i++) {
		buf_addstr(out, i ? ",\n" : "\n");
		component(out, rep, i);
		total.add += rep->res[i].sum.add;
		total.change += rep->res[i].sum.change;
		total.destroy += rep->res[i].sum.destroy;
		total.import += rep->res[i].sum.import;
	}
	buf_addstr(out, rep->set->nr ? "\n  ]" : "]");
	key(out, 2, "totals", 0);
	buf_addch(out, '{');
	counts(out, 4, &total, 1);
	buf_addstr(out, "\n  }");
	key(out, 2, "policy_violations", 0);
	violations(out, rep->viol);
	key(out, 2, "commit", 0);
	str_or_null(out, rep->commit);
	buf_addstr(out, "\n}\n");
}
