#ifndef GATE_FINDING_H
#define GATE_FINDING_H

/*
 * The normalised finding (docs/design.md "Gate rules") and
 * the set of everything read from the reports of one gate run.
 *
 * Strings of findings live in the set's arena: they are borrowed, valid until
 * gate_input_release().  Only the fields a verdict and its writers need are
 * kept (no descriptions, no code blocks), so that memory grows with the
 * number of findings, not with the size of the reports.
 */
#include <stddef.h>

#include "util/buf.h"

enum gate_severity { SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_INFO,
		SEV_UNKNOWN };
#define SEV_COUNT 6	/* with unknown */
#define SEV_RATED 5	/* critical..info: what thresholds take */

enum category { CAT_VULNERABILITY, CAT_MISCONFIGURATION, CAT_SECRET, CAT_BUG,
		CAT_CODE_SMELL, CAT_HOTSPOT, CAT_LICENSE };
#define CAT_COUNT 7

enum finding_status { ST_OPEN, ST_WAIVED, ST_BASELINE, ST_IGNORED };

struct finding {
	const char *tool;
	const char *rule_id;
	const char *title;
	const char *path;	/* repository-relative, '/'-separated, or NULL */
	const char *resource;
	const char *pkg_name, *pkg_installed, *pkg_fixed;
	const char *url;
	const char *anchor;	/* what, besides rule and path, identifies it */
	const char *waived_by;	/* waiver id, or the tool's own suppression */
	unsigned start_line, end_line;	/* 0: no line */
	unsigned source;	/* index into gate_input.sources */
	enum gate_severity severity;
	enum category category;
	enum finding_status status;
	int blocking;		/* counted towards a FAIL threshold */
	int suppressed;		/* by the tool itself: checkov:skip, SARIF */
	char fingerprint[33];	/* 128 bits of SHA-256, hex */
	/* SARIF: resolved once the run's rules are known */
	int sarif_rule_index;	/* -1: none */
	signed char sarif_level;	/* -1: none, else enum gate_severity */
};

struct gate_source {
	char *tool;
	char *path;
	char *format;		/* "trivy-json", "checkov-json", "sarif", ... */
	size_t findings;	/* read from it: open, waived, baseline alike */
};

struct sonar_condition {
	char *status, *metric, *comparator, *threshold, *actual;
};

/* What SonarQube said, from saved responses or report-task.txt. */
struct sonar_info {
	char *status;		/* OK, ERROR, WARN, NONE; NULL: no gate read */
	struct sonar_condition *conditions;
	size_t nr_conditions, alloc_conditions;
	char *project_key, *dashboard_url, *ce_task_id, *server_url, *branch;
	int have_task;		/* a report-task.txt was read */
	int truncated;		/* a search had more than SonarQube returns */
};

/* Frees the quality-gate conditions read so far (a later status wins). */
void gate_sonar_conditions_clear(struct sonar_info *s);

struct arena_chunk;

struct gate_input {
	struct finding *findings;
	size_t nr, alloc;
	struct gate_source *sources;
	size_t nr_sources, alloc_sources;
	struct sonar_info sonar;
	struct arena_chunk *arena;
};

#define GATE_INPUT_INIT { 0 }

void gate_input_release(struct gate_input *in);

/* Copies `len` bytes into the arena (NUL-terminated); NULL stays NULL. */
const char *gate_strdup(struct gate_input *in, const char *s, size_t len);
/* The same, cut to at most `max` bytes at a UTF-8 boundary. */
const char *gate_strdup_max(struct gate_input *in, const char *s, size_t len,
			    size_t max);
/* Appends a zeroed finding and returns it (valid until the next add). */
struct finding *gate_add_finding(struct gate_input *in);
/* Normalises a path: '\' to '/', no leading "./" or '/'. */
const char *gate_path(struct gate_input *in, const char *s, size_t len);
/* Computes f->fingerprint from tool, category, rule, path and anchor. */
void finding_fingerprint(struct finding *f);

const char *gate_severity_name(enum gate_severity s);
/* Case-insensitive; -1 when not a severity name. */
int gate_severity_parse(const char *s, size_t len);
const char *gate_category_name(enum category c);
int gate_category_parse(const char *s);
const char *gate_status_name(enum finding_status s);

#endif
