#ifndef VALIDATE_CHARTS_H
#define VALIDATE_CHARTS_H

/*
 * Values keys against the charts: every key path a module's helm_release
 * gives its chart through `values = [yamlencode(local.NAME), ...]` must be
 * a key of the chart version the module pins (chart_keys.h says what
 * "known" means).  The chart and version are the release's `chart` and
 * `version`, string literals or variables with literal defaults; the chart
 * directory is CHARTS/<chart>/<version>/, or CHARTS/<any>/<version>/ whose
 * Chart.yaml names the chart (dremio lives in dremio_v2/ upstream).
 *
 * A problem names the module, the key and the .tf file:line:col where the
 * module writes the key, and the chart file that lacks it.
 */
#include <stddef.h>

#include "validate/validate.h"

struct stack;
struct validate_modules;

/*
 * Checks the module in `module_dir` against the charts under
 * `charts_dir`; returns the number of releases checked.  A release whose
 * chart version has no directory under charts_dir is a problem too (the
 * check cannot be done), one that does not parse a fatal one.
 */
size_t validate_module_charts(struct validate_report *r, const char *module_dir,
			      const char *charts_dir);

/* The same with `version` in place of the one the module pins (NULL: the
 * module's own). */
size_t validate_module_charts_at(struct validate_report *r,
				 const char *module_dir, const char *charts_dir,
				 const char *version);

/*
 * Every distinct module of a loaded stack at the version it pins, and again
 * at every literal chart_version stack.yaml sets for it instead.
 */
size_t validate_charts(struct validate_report *r, const struct stack *st,
		       const struct validate_modules *mods,
		       const char *charts_dir);

#endif
