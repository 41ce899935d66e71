#ifndef GATE_WRITE_COMMON_H
#define GATE_WRITE_COMMON_H

/*
 * Helpers shared by the writers (write_*.c): the tools seen, counts per
 * tool, reasons in order (FAIL before WARN), findings sorted for display.
 */
#include "gate/gate.h"

#define MAX_TOOLS 32

struct tool_counts {
	const char *tool;
	size_t open[SEV_COUNT];
	size_t waived, baseline, ignored, total;
};

/* Every tool of the sources and findings, in order of appearance. */
size_t gate_tools_counts(struct tool_counts *out, const struct gate_input *in);
/* Indexes of the findings, blocking first, then by severity, tool, rule. */
size_t *gate_findings_sorted(const struct gate_input *in);
/* Reasons: FAIL first, then WARN; returns how many (pointers borrowed). */
size_t gate_reasons(const char **out, const struct gate_result *res);

#endif
