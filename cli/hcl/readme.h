#ifndef HCL_README_H
#define HCL_README_H
/*
 * The generated part of a module's README.md: an inputs table and an
 * outputs table (as terraform-docs writes them) between two marker lines,
 *
 *	<!-- BEGIN mds-infra docs -->
 *	...
 *	<!-- END mds-infra docs -->
 *
 * Everything outside the markers belongs to the author and is kept byte
 * for byte.  `mds-infra docs` writes it; `docs --check` and validate use
 * hcl_readme_update() to tell whether a README is stale.
 */
#include <stddef.h>

#include "hcl/hcl.h"
#include "util/buf.h"
#include "util/err.h"

#define HCL_README_BEGIN "<!-- BEGIN mds-infra docs -->"
#define HCL_README_END "<!-- END mds-infra docs -->"

/* The marker lines and the tables between them, ending in a newline. */
void hcl_readme_section(struct buf *out, const struct hcl_module *m);

/*
 * The README `path` should hold, given its current content `old` (NULL
 * when the file does not exist): the section replaced between the
 * markers, appended after the text when there are none, or a new README
 * with a title when there is no file.  ERR_INPUT (path:line) for markers
 * that are unpaired, out of order or repeated.
 */
int hcl_readme_update(struct buf *out, const char *path, const char *old,
		      size_t len, const struct hcl_module *m, struct err *err);

#endif
