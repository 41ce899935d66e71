/*
 * -o sonar: SonarQube's generic issue import, the 10.3+ format (rules[] with
 * cleanCodeAttribute and impacts, issues[] that name a rule).  Only findings
 * on a file can be imported; SonarQube's own issues are not sent back, and
 * waived findings are left out.  Impact severities are HIGH, MEDIUM and LOW
 * (critical is sent as HIGH, info and unknown as LOW) so that servers from
 * 10.3 on accept them.
 */
#include "gate/write_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json/jsonw.h"

static const char *const impact_sev[SEV_COUNT] = {
	"HIGH", "HIGH", "MEDIUM", "LOW", "LOW", "LOW"
};

static int exported(const struct finding *f)
{
	return f->path && f->status != ST_WAIVED && strcmp(f->tool, "sonarqube");
}

static void rule(struct jsonw *w, const struct finding *f, const char *id)
{
	int security = f->category != CAT_BUG && f->category != CAT_CODE_SMELL;

	jw_obj(w);
	jw_kstr(w, "id", id);
	jw_kstr(w, "name", f->title ? f->title : f->rule_id);
	jw_kstr(w, "description", f->url ? f->url : f->rule_id);
	jw_kstr(w, "engineId", f->tool);
	jw_kstr(w, "cleanCodeAttribute", security ? "TRUSTWORTHY" :
		f->category == CAT_BUG ? "LOGICAL" : "CONVENTIONAL");
	jw_key(w, "impacts");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "softwareQuality", security ? "SECURITY" :
		f->category == CAT_BUG ? "RELIABILITY" : "MAINTAINABILITY");
	jw_kstr(w, "severity", impact_sev[f->severity]);
	jw_end(w, '}');
	jw_end(w, ']');
	jw_end(w, '}');
}

static void issue(struct jsonw *w, const struct finding *f, const char *id)
{
	jw_obj(w);
	jw_kstr(w, "ruleId", id);
	jw_key(w, "primaryLocation");
	jw_obj(w);
	jw_kstr(w, "message", f->title ? f->title : f->rule_id);
	jw_kstr(w, "filePath", f->path);
	if (f->start_line) {
		jw_key(w, "textRange");
		jw_obj(w);
		jw_kint(w, "startLine", f->start_line);
		if (f->end_line >= f->start_line)
			jw_kint(w, "endLine", f->end_line);
		jw_end(w, '}');
	}
	jw_end(w, '}');
	jw_end(w, '}');
}

/* Rule ids are unique per file: "tool:rule" keeps two tools apart. */
static const char *rule_key(struct buf *b, const struct finding *f)
{
	buf_reset(b);
	buf_addf(b, "%s:%s", f->tool, f->rule_id);
	return b->ptr;
}

void gate_write_sonar(struct buf *out, const struct gate_input *in,
		      const struct gate_result *res)
{
	struct strmap seen = STRMAP_INIT;
	struct buf id = BUF_INIT;
	struct jsonw w;
	size_t i;

	(void)res;
	jw_init(&w, out, 1);
	jw_obj(&w);
	jw_key(&w, "rules");
	jw_arr(&w);
	for (i = 0; i < in->nr; i++) {
		const struct finding *f = &in->findings[i];

		if (!exported(f) || strmap_get(&seen, rule_key(&id, f), NULL))
			continue;
		strmap_put(&seen, id.ptr, (void *)(uintptr_t)1);
		rule(&w, f, id.ptr);
	}
	jw_end(&w, ']');
	jw_key(&w, "issues");
	jw_arr(&w);
	for (i = 0; i < in->nr; i++)
		if (exported(&in->findings[i]))
			issue(&w, &in->findings[i], rule_key(&id, &in->findings[i]));
	jw_end(&w, ']');
	jw_end(&w, '}');
	buf_addch(out, '\n');
	buf_release(&id);
	strmap_release(&seen);
}
