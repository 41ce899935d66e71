/*
 * What every writer needs from a result, computed the same way for all.
 */
#include "gate/write_common.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static struct tool_counts *tool_slot(struct tool_counts *t, size_t *nr,
				     const char *tool)
{
	size_t i;

	for (i = 0; i < *nr; i++)
		if (t[i].tool == tool || !strcmp(t[i].tool, tool))
			return &t[i];
	if (*nr == MAX_TOOLS)
		return NULL;
	memset(&t[*nr], 0, sizeof(t[0]));
	t[*nr].tool = tool;
	return &t[(*nr)++];
}

size_t gate_tools_counts(struct tool_counts *out, const struct gate_input *in)
{
	size_t nr = 0, i;

	for (i = 0; i < in->nr_sources; i++)
		if (in->sources[i].tool && strcmp(in->sources[i].tool, "sarif"))
			tool_slot(out, &nr, in->sources[i].tool);
	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[i];
		struct tool_counts *t = tool_slot(out, &nr, f->tool);

		if (!t)
			continue;
		t->total++;
		if (f->status == ST_OPEN)
			t->open[f->severity]++;
		t->waived += f->status == ST_WAIVED;
		t->baseline += f->status == ST_BASELINE;
		t->ignored += f->status == ST_IGNORED;
	}
	return nr;
}

/*
 * The sort reads a compact key per finding, not the findings themselves:
 * with tens of thousands of findings the comparisons would otherwise walk
 * the whole array in random order.
 */
struct sort_key {
	unsigned rank;		/* blocking first, then status, then severity */
	const char *tool, *rule;
	size_t index;
};

static int cmp_keys(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;
	int c;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->tool != y->tool && (c = strcmp(x->tool, y->tool)))
		return c;
	if (x->rule != y->rule && (c = strcmp(x->rule, y->rule)))
		return c;
	return x->index < y->index ? -1 : 1;
}

size_t *gate_findings_sorted(const struct gate_input *in)
{
	struct sort_key *keys = xcalloc(in->nr + 1, sizeof(*keys));
	size_t *v = xcalloc(in->nr + 1, sizeof(*v)), i;

	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[i];

		keys[i].rank = (unsigned)!f->blocking << 16 |
			(unsigned)f->status << 8 | (unsigned)f->severity;
		keys[i].tool = f->tool;
		keys[i].rule = f->rule_id;
		keys[i].index = i;
	}
	qsort(keys, in->nr, sizeof(*keys), cmp_keys);
	for (i = 0; i < in->nr; i++)
		v[i] = keys[i].index;
	free(keys);
	return v;
}

size_t gate_reasons(const char **out, const struct gate_result *res)
{
	size_t nr = 0, i;
	int level;

	for (level = V_FAIL; level >= V_WARN; level--)
		for (i = 0; i < res->nr_conds; i++)
			if ((int)res->conds[i].status == level && res->conds[i].reason)
				out[nr++] = res->conds[i].reason;
	return nr;
}
