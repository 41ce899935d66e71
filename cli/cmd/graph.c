/*
 * graph: the component DAG of the stack, as text, Graphviz dot, Mermaid or
 * JSON, each component with its status in the environment's last plan
 * (.mds/plans/ENV/plan.json next to the stack) when there is one.
 *
 * Edges run from a dependency to what depends on it: the order plan and
 * apply go in.  The plan file is only read; a missing one is no error, an
 * unreadable one is a warning (the graph is still drawn).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/envname.h"
#include "cmd/json_out.h"
#include "stack/stack.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"

struct graph_opts {
	const char *format;
	int json;
};

static const struct opt_spec graph_options[] = {
	OPT_CHOICE(0, "format", struct graph_opts, format, "FMT",
		   "text dot mermaid json", "text (default), dot, mermaid or json"),
	OPT_BOOL(0, "json", struct graph_opts, json,
		 "the same as --format json (mds-infra/graph/v1)"),
	OPT_END()
};

/* What the last plan says of one component (all NULL/0 without a plan). */
struct plan_status {
	const char *status;	/* borrowed from `doc` */
	long add, change, destroy;
};

struct graph {
	const struct stack *st;
	const char *env;	/* NULL: no environment given */
	json_t *plan;		/* the plan.json document, or NULL */
	struct plan_status *status;	/* per component */
};

static long member_int(const json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* Reads .mds/plans/ENV/plan.json; absent is fine, unreadable a warning. */
static void read_plan(struct graph *g)
{
	char *path = xasprintf("%s/.mds/plans/%s/plan.json", g->st->dir, g->env);
	json_error_t jerr;
	json_t *comps, *c;
	size_t i;
	long at;

	if (fs_exists(path)) {
		g->plan = json_load_file(path, 0, &jerr);
		if (!g->plan)
			msg_warn("%s:%d:%d: %s; statuses not shown", path,
				 jerr.line, jerr.column, jerr.text);
	}
	comps = json_object_get(g->plan, "components");
	json_array_foreach(comps, i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));

		if (!name || (at = stack_component_find(g->st, name)) < 0)
			continue;
		g->status[at].status = json_string_value(json_object_get(c, "status"));
		g->status[at].add = member_int(c, "add");
		g->status[at].change = member_int(c, "change");
		g->status[at].destroy = member_int(c, "destroy");
	}
	free(path);
}

/* "changes +2 ~1 -0", "no_changes" or "" into `out`. */
static void status_label(char *out, size_t size, const struct plan_status *s)
{
	if (!s->status)
		snprintf(out, size, "%s", "");
	else if (!strcmp(s->status, "changes"))
		snprintf(out, size, "changes +%ld ~%ld -%ld", s->add, s->change,
			 s->destroy);
	else
		snprintf(out, size, "%s", s->status);
}

static void print_text(const struct graph *g)
{
	const struct stack *st = g->st;
	size_t i, k;

	printf("%s%s%s: %zu components in dependency order\n", st->name,
	       g->env ? " / " : "", g->env ? g->env : "", st->nr_components);
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		char label[96];
		struct buf deps = BUF_INIT;

		for (k = 0; k < c->nr_deps; k++)
			buf_addf(&deps, "%s%s", k ? ", " : "<- ",
				 st->components[c->deps[k]].name);
		status_label(label, sizeof(label), &g->status[st->order[i]]);
		if (*label)
			printf("  %-18s %-36s %s\n", c->name,
			       deps.ptr ? deps.ptr : "", label);
		else if (deps.len)
			printf("  %-18s %s\n", c->name, deps.ptr);
		else
			printf("  %s\n", c->name);
		buf_release(&deps);
	}
	if (g->env && !g->plan)
		printf("(no plan of %s yet: 'mds-infra plan %s')\n", g->env, g->env);
}

/* A Mermaid node id: the name with every non-alphanumeric as '_'. */
static void mermaid_id(char *out, size_t size, const char *name)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		out[i] = (name[i] >= 'a' && name[i] <= 'z') ||
			 (name[i] >= 'A' && name[i] <= 'Z') ||
			 (name[i] >= '0' && name[i] <= '9') ? name[i] : '_';
	out[i] = '\0';
}

/* The class a status gets in dot and Mermaid (colour by outcome). */
static const char *status_class(const struct plan_status *s)
{
	if (!s->status)
		return NULL;
	if (!strcmp(s->status, "changes"))
		return "changes";
	if (!strcmp(s->status, "failed"))
		return "failed";
	if (!strcmp(s->status, "no_changes"))
		return "unchanged";
	return "other";
}

static void print_mermaid(const struct graph *g)
{
	const struct stack *st = g->st;
	size_t i, k;

	puts("flowchart LR");
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		const struct plan_status *s = &g->status[st->order[i]];
		char id[96], label[96];

		mermaid_id(id, sizeof(id), c->name);
		status_label(label, sizeof(label), s);
		printf("  %s[\"%s%s%s\"]", id, c->name, *label ? "<br/>" : "", label);
		if (status_class(s))
			printf(":::%s", status_class(s));
		putchar('\n');
	}
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		char from[96], to[96];

		mermaid_id(to, sizeof(to), c->name);
		for (k = 0; k < c->nr_deps; k++) {
			mermaid_id(from, sizeof(from), st->components[c->deps[k]].name);
			printf("  %s --> %s\n", from, to);
		}
	}
	if (g->plan)
		puts("  classDef changes fill:#fff3cd,stroke:#b58900\n"
		     "  classDef failed fill:#f8d7da,stroke:#dc322f\n"
		     "  classDef unchanged fill:#d4edda,stroke:#2aa198\n"
		     "  classDef other fill:#eeeeee,stroke:#888888");
}

static void print_dot(const struct graph *g)
{
	static const char *const fill[][2] = {
		{ "changes", "#fff3cd" }, { "failed", "#f8d7da" },
		{ "unchanged", "#d4edda" }, { "other", "#eeeeee" },
	};
	const struct stack *st = g->st;
	size_t i, k, f;

	printf("digraph \"%s\" {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", "
	       "fillcolor=white];\n", st->name);
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		const struct plan_status *s = &g->status[st->order[i]];
		const char *cls = status_class(s);
		char label[96];

		status_label(label, sizeof(label), s);
		printf("  \"%s\" [label=\"%s%s%s\"", c->name, c->name,
		       *label ? "\\n" : "", label);
		for (f = 0; cls && f < ARRAY_SIZE(fill); f++)
			if (!strcmp(fill[f][0], cls))
				printf(", fillcolor=\"%s\"", fill[f][1]);
		puts("];");
	}
	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];

		for (k = 0; k < c->nr_deps; k++)
			printf("  \"%s\" -> \"%s\";\n",
			       st->components[c->deps[k]].name, c->name);
	}
	puts("}");
}

static void print_json(const struct graph *g)
{
	const struct stack *st = g->st;
	json_t *doc = json_out_new(JSON_OUT_SCHEMA("graph"));
	json_t *comps = json_array();
	size_t i, k;

	for (i = 0; i < st->nr_components; i++) {
		const struct stack_component *c = &st->components[st->order[i]];
		const struct plan_status *s = &g->status[st->order[i]];
		json_t *deps = json_array();

		for (k = 0; k < c->nr_deps; k++)
			json_array_append_new(deps, json_string(
				st->components[c->deps[k]].name));
		json_array_append_new(comps, json_pack("{s:s, s:o, s:o}",
			"name", c->name, "depends_on", deps,
			"status", json_out_str(s->status)));
	}
	json_object_set_new(doc, "environment", json_out_str(g->env));
	json_object_set_new(doc, "components", comps);
	json_out_print(doc);
}

static void draw(struct graph *g, const char *format)
{
	if (g->env)
		read_plan(g);
	if (!strcmp(format, "dot"))
		print_dot(g);
	else if (!strcmp(format, "mermaid"))
		print_mermaid(g);
	else if (!strcmp(format, "json"))
		print_json(g);
	else
		print_text(g);
}

static int run_graph(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	struct graph_opts opts = { NULL, 0 };
	struct graph g = { 0 };
	struct err err = ERR_INIT;
	struct stack *st = NULL;
	char *path;
	int code, nr = cmd_parse(&cmd_graph_entry, argc, argv, &opts, &code);

	if (nr < 0)
		return code;
	if (nr > 1)
		return cmd_usage_error(&cmd_graph_entry, "expected at most one ENV");
	if (opts.json && opts.format && strcmp(opts.format, "json"))
		return cmd_usage_error(&cmd_graph_entry, "--json and --format %s "
				       "do not go together", opts.format);
	if (opts.json || !opts.format)
		opts.format = opts.json ? "json" : "text";
	path = cmd_stack_path(ctx);
	if (stack_load(&st, path, &err) < 0) {
		code = cmd_fail(&err);
	} else if (!(code = nr ? cmd_check_env(st, argv[0]) : 0)) {
		g.st = st;
		g.env = nr ? argv[0] : NULL;
		g.status = xcalloc(st->nr_components + 1, sizeof(*g.status));
		draw(&g, opts.format);
		json_decref(g.plan);
		free(g.status);
	}
	stack_free(st);
	free(path);
	err_release(&err);
	return code;
}

const struct cmd_entry cmd_graph_entry = {
	.name = "graph",
	.summary = "draw the component dependency graph, with the last plan's status",
	.usage = "graph [ENV] [--format text|dot|mermaid|json]",
	.description =
	"Draws the components of the stack and what each depends on, in the\n"
	"order plan and apply visit them; edges go from a dependency to its\n"
	"dependents.  With ENV each component carries its status in the last\n"
	"plan of ENV (.mds/plans/ENV/plan.json beside the stack), when there is\n"
	"one: changes with +add ~change -destroy, no_changes, failed, ...\n"
	"Formats: text (default), dot (Graphviz: pipe it to dot -Tsvg), mermaid (for\n"
	"Markdown that renders it, like GitHub), json (schema\n"
	"mds-infra/graph/v1, docs/json.md; also --json).  Exit 2 for an\n"
	"unknown ENV.",
	.options = graph_options,
	.args_completion = "envs",
	.run = run_graph,
};
