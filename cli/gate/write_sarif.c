/*
 * -o sarif: SARIF 2.1.0, one run per source tool (driver "mds-infra/TOOL",
 * automationDetails "mds-infra/TOOL/"), as GitHub code scanning takes it:
 * every rule has short and full descriptions and help; every result has a
 * location (the report itself when the finding has no file, as for an image's
 * packages).  Waived findings are left out (GitHub ignores suppressions and
 * would open them); baseline ones are baselineState "unchanged".  Our
 * line-independent fingerprint goes in `fingerprints`.
 */
#include "gate/write_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/jsonw.h"
#include "version.h"

static const char *const levels[SEV_COUNT] = {
	"error", "error", "warning", "note", "note", "warning"
};
static const char *const scores[SEV_COUNT] = {
	"9.5", "8.0", "5.5", "2.0", NULL, NULL
};

/* A path as a URI reference: unreserved bytes and '/' kept, others %XX. */
static void uri(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c))
			buf_addch(out, (char)c);
		else
			buf_addf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

static int shown(const struct finding *f, const char *tool)
{
	return !strcmp(f->tool, tool) && f->status != ST_WAIVED;
}

static void rule(struct jsonw *w, const struct finding *f)
{
	const char *text = f->title ? f->title : f->rule_id;
	struct buf help = BUF_INIT;

	buf_addf(&help, "%s (%s, %s)", text, gate_severity_name(f->severity),
		 gate_category_name(f->category));
	if (f->url)
		buf_addf(&help, ": %s", f->url);
	jw_obj(w);
	jw_kstr(w, "id", f->rule_id);
	jw_key(w, "shortDescription");
	jw_obj(w);
	jw_kstr(w, "text", text);
	jw_end(w, '}');
	jw_key(w, "fullDescription");
	jw_obj(w);
	jw_kstr(w, "text", text);
	jw_end(w, '}');
	jw_key(w, "help");
	jw_obj(w);
	jw_kstr(w, "text", help.ptr);
	jw_end(w, '}');
	jw_key(w, "defaultConfiguration");
	jw_obj(w);
	jw_kstr(w, "level", levels[f->severity]);
	jw_end(w, '}');
	jw_key(w, "properties");
	jw_obj(w);
	if (scores[f->severity])
		jw_kstr(w, "security-severity", scores[f->severity]);
	jw_key(w, "tags");
	jw_arr(w);
	jw_str(w, "security");
	jw_str(w, gate_category_name(f->category));
	jw_end(w, ']');
	jw_end(w, '}');
	jw_end(w, '}');
	buf_release(&help);
}

static void location(struct jsonw *w, const struct gate_input *in,
		     const struct finding *f)
{
	struct buf u = BUF_INIT;

	uri(&u, f->path ? f->path : in->sources[f->source].path);
	jw_key(w, "locations");
	jw_arr(w);
	jw_obj(w);
	jw_key(w, "physicalLocation");
	jw_obj(w);
	jw_key(w, "artifactLocation");
	jw_obj(w);
	jw_kstr(w, "uri", u.ptr);
	jw_end(w, '}');
	if (f->path && f->start_line) {
		jw_key(w, "region");
		jw_obj(w);
		jw_kint(w, "startLine", f->start_line);
		if (f->end_line >= f->start_line)
			jw_kint(w, "endLine", f->end_line);
		jw_end(w, '}');
	}
	jw_end(w, '}');
	jw_end(w, '}');
	jw_end(w, ']');
	buf_release(&u);
}

static void result(struct jsonw *w, const struct gate_input *in,
		   const struct finding *f, size_t rule_index)
{
	struct buf msg = BUF_INIT;

	buf_addf(&msg, "%s", f->title ? f->title : f->rule_id);
	if (f->pkg_name)
		buf_addf(&msg, " (package %s %s%s%s)", f->pkg_name,
			 f->pkg_installed ? f->pkg_installed : "",
			 f->pkg_fixed ? ", fixed in " : "",
			 f->pkg_fixed ? f->pkg_fixed : "");
	if (f->resource)
		buf_addf(&msg, " [%s]", f->resource);
	jw_obj(w);
	jw_kstr(w, "ruleId", f->rule_id);
	jw_kint(w, "ruleIndex", (long long)rule_index);
	jw_kstr(w, "level", levels[f->severity]);
	jw_key(w, "message");
	jw_obj(w);
	jw_kstr(w, "text", msg.ptr);
	jw_end(w, '}');
	location(w, in, f);
	jw_key(w, "fingerprints");
	jw_obj(w);
	jw_kstr(w, "mds-infra/v1", f->fingerprint);
	jw_end(w, '}');
	jw_kstr(w, "baselineState", f->status == ST_BASELINE ? "unchanged" : "new");
	jw_key(w, "properties");
	jw_obj(w);
	jw_kstr(w, "severity", gate_severity_name(f->severity));
	jw_kstr(w, "category", gate_category_name(f->category));
	jw_kstr(w, "status", gate_status_name(f->status));
	jw_key(w, "blocking");
	jw_bool(w, f->blocking);
	jw_end(w, '}');
	jw_end(w, '}');
	buf_release(&msg);
}

static void run(struct jsonw *w, const struct gate_input *in, const char *tool)
{
	struct strmap rules = STRMAP_INIT;
	size_t i, nr = 0;
	char name[96];

	snprintf(name, sizeof(name), "mds-infra/%s", tool);
	jw_obj(w);
	jw_key(w, "tool");
	jw_obj(w);
	jw_key(w, "driver");
	jw_obj(w);
	jw_kstr(w, "name", name);
	jw_kstr(w, "version", MDS_VERSION);
	jw_key(w, "rules");
	jw_arr(w);
	for (i = 0; i < in->nr; i++)
		if (shown(&in->findings[i], tool) &&
		    !strmap_get(&rules, in->findings[i].rule_id, NULL)) {
			strmap_put(&rules, in->findings[i].rule_id,
				   (void *)(uintptr_t)++nr);
			rule(w, &in->findings[i]);
		}
	jw_end(w, ']');
	jw_end(w, '}');
	jw_end(w, '}');
	snprintf(name, sizeof(name), "mds-infra/%s/", tool);
	jw_key(w, "automationDetails");
	jw_obj(w);
	jw_kstr(w, "id", name);
	jw_end(w, '}');
	jw_key(w, "results");
	jw_arr(w);
	for (i = 0; i < in->nr; i++)
		if (shown(&in->findings[i], tool))
			result(w, in, &in->findings[i], (uintptr_t)strmap_get(
				&rules, in->findings[i].rule_id, NULL) - 1);
	jw_end(w, ']');
	jw_end(w, '}');
	strmap_release(&rules);
}

void gate_write_sarif(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res)
{
	struct tool_counts tc[MAX_TOOLS];
	size_t nr = gate_tools_counts(tc, in), i;
	struct jsonw w;

	(void)res;
	jw_init(&w, out, 1);
	jw_obj(&w);
	jw_kstr(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jw_kstr(&w, "version", "2.1.0");
	jw_key(&w, "runs");
	jw_arr(&w);
	for (i = 0; i < nr; i++)
		run(&w, in, tc[i].tool);
	jw_end(&w, ']');
	jw_end(&w, '}');
	buf_addch(out, '\n');
}
