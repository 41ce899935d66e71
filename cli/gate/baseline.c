/*
 * The baseline: fingerprints of accepted findings, written only by
 * `gate --write-baseline FILE`, sorted by fingerprint for stable diffs:
 *
 *	{"schema": "mds-infra/gate-baseline/v1", "created": "2026-01-31",
 *	 "findings": [{"fingerprint": "...", "tool": "trivy",
 *	               "rule_id": "CVE-...", "path": "...", "severity": "high"}]}
 *
 * Read with jansson: it is our own small document.
 */
#include "gate/gate.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json/jsonw.h"
#include "util/xalloc.h"

int gate_baseline_load(struct strmap *out, const char *path, struct err *err)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr), *list, *item;
	size_t i;

	if (!root) {
		if (jerr.line < 0 || jerr.position == 0)
			return err_set(err, ERR_NOTFOUND, "cannot read baseline "
				       "'%s': %s (write one with gate "
				       "--write-baseline)", path, jerr.text);
		return err_set(err, ERR_INPUT, "%s:%d:%d: invalid baseline: %s",
			       path, jerr.line, jerr.column, jerr.text);
	}
	list = json_object_get(root, "findings");
	if (!json_is_array(list)) {
		json_decref(root);
		return err_set(err, ERR_INPUT, "%s: not a gate baseline (no "
			       "findings list)", path);
	}
	json_array_foreach(list, i, item) {
		const char *fp = json_string_value(json_object_get(item, "fingerprint"));

		if (!fp) {
			json_decref(root);
			return err_set(err, ERR_INPUT, "%s: baseline entry %zu has "
				       "no fingerprint", path, i);
		}
		strmap_put(out, fp, (void *)1);
	}
	json_decref(root);
	return 0;
}

static int by_fingerprint(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;

	return strcmp(x->fingerprint, y->fingerprint);
}

void gate_baseline_write(struct buf *out, const struct gate_input *in,
			 const char *created)
{
	const struct finding **v = xcalloc(in->nr + 1, sizeof(*v));
	struct jsonw w;
	size_t i, nr = 0;

	for (i = 0; i < in->nr; i++)
		if (in->findings[i].status != ST_WAIVED)
			v[nr++] = &in->findings[i];
	qsort(v, nr, sizeof(*v), by_fingerprint);
	jw_init(&w, out, 1);
	jw_obj(&w);
	jw_kstr(&w, "schema", "mds-infra/gate-baseline/v1");
	jw_kstr(&w, "created", created);
	jw_key(&w, "findings");
	jw_arr(&w);
	for (i = 0; i < nr; i++) {
		/* one fingerprint once: duplicates add nothing */
		if (i && !strcmp(v[i]->fingerprint, v[i - 1]->fingerprint))
			continue;
		jw_obj(&w);
		jw_kstr(&w, "fingerprint", v[i]->fingerprint);
		jw_kstr(&w, "tool", v[i]->tool);
		jw_kstr(&w, "rule_id", v[i]->rule_id);
		jw_kstr(&w, "path", v[i]->path);
		jw_kstr(&w, "severity", gate_severity_name(v[i]->severity));
		jw_end(&w, '}');
	}
	jw_end(&w, ']');
	jw_end(&w, '}');
	buf_addch(out, '\n');
	free(v);
}
