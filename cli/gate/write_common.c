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
		if (!strcmp(t[i].tool, tool))
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

static const struct gate_input *sort_in;

static int cmp_findings(const void *a, const void *b)
{
	const struct finding *x = &sort_in->findings[*(const size_t *)a];
	const struct finding *y = &sort_in->findings[*(const size_t *)b];
	int c;

	if (x->blocking != y->blocking)
		return y->blocking - x->blocking;
	if (x->status != y->status)
		return (int)x->status - (int)y->status;
	if (x->severity != y->severity)
		return (int)x->severity - (int)y->severity;
	if ((c = strcmp(x->tool, y->tool)))
		return c;
	if ((c = strcmp(x->rule_id, y->rule_id)))
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

size_t *gate_findings_sorted(const struct gate_input *in)
{
	size_t *v = xcalloc(in->nr + 1, sizeof(*v)), i;

	for (i = 0; i < in->nr; i++)
		v[i] = i;
	sort_in = in;
	qsort(v, in->nr, sizeof(*v), cmp_findings);
	sort_in = NULL;
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
