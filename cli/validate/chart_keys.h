#ifndef VALIDATE_CHART_KEYS_H
#define VALIDATE_CHART_KEYS_H

/*
 * The value keys a Helm chart version accepts, from the files a chart
 * directory holds (one chart version: DIR/<chart>/<version>/):
 *
 *  - values.schema.json, where the chart ships one: the authority.  A key
 *    under `additionalProperties: false` that `properties` does not list
 *    is refused; an object without `properties` takes any key.
 *  - values.yaml: a key path is known when every step exists, or when it
 *    reaches an empty map `{}` or a null (free-form by the chart's own
 *    convention).  A schema that merely does not list a key defers to it.
 *    Keys the file only shows commented out ("# watchNamespaces: [...]")
 *    count too, at the path their indentation gives them.
 *  - Values-Reference.md (dremio_v2 documents its optional keys there, as
 *    headings such as "#### `coordinator.web.tls.enabled`"): a documented
 *    key and its parents are known, not what lies below it.
 *  - Chart.yaml (or Chart.template.yaml) `dependencies`: the first key of a
 *    subchart (its name or alias) is known and nothing below it is checked,
 *    because subcharts' own values files are not part of the directory.
 */
#include <stddef.h>

#include "util/err.h"
#include "validate/values_shape.h"

struct yaml_doc;

struct chart_keys {
	char *dir;
	char *name;		/* from Chart.yaml, or NULL */
	struct yaml_doc *values;
	char *values_path;
	void *schema;		/* json_t *, or NULL */
	char *schema_path;
	char **documented;	/* dotted key paths from Values-Reference.md */
	size_t nr_documented, alloc_documented;
	char **subcharts;
	size_t nr_subcharts, alloc_subcharts;
};

#define CHART_KEYS_INIT { 0 }

/*
 * Loads DIR/values.yaml (required: ERR_NOTFOUND without it) and whichever
 * of the other files exist.  ERR_INPUT with FILE:LINE:COL when one does
 * not parse.  Caller releases *out.
 */
int chart_keys_load(struct chart_keys *out, const char *dir, struct err *err);
void chart_keys_release(struct chart_keys *c);

/* The name a chart directory's Chart.yaml gives, or NULL (caller frees). */
char *chart_keys_name(const char *dir);

enum chart_key {
	CHART_KEY_KNOWN,
	CHART_KEY_UNKNOWN,
	CHART_KEY_SUBCHART,	/* known, and nothing below it is checked */
};

/*
 * Whether the chart knows `path` (n keys).  For an unknown key, *why (the
 * caller frees) says which file lacks it and where its parent is.
 */
enum chart_key chart_keys_check(const struct chart_keys *c,
				const char *const *path, size_t n, char **why);

/*
 * The form of the default values.yaml gives `path` (n keys), as
 * values_shape.h names forms: VALUES_FORM_UNKNOWN when values.yaml does not
 * hold the key itself (documented, commented, below {} or null) or holds
 * null.  *line is the key's line in values.yaml.
 */
enum values_form chart_keys_form(const struct chart_keys *c,
				 const char *const *path, size_t n,
				 unsigned *line);

#endif
