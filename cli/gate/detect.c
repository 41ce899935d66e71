/*
 * Detection by proof (REPORT_FORMATS.md §0): while a report streams, the
 * keys that can prove a format are noted; after the last byte the format is
 * the one they prove, and anything else is refused.  A security gate must
 * never pass a report it did not read, so a file that merely has a key in
 * common with a known format (tfsec's and semgrep's `results`, bandit's
 * `errors`) is not taken for it: it is named when it is recognisable, with
 * the way to export SARIF (or another supported format) instead.
 */
#include "gate/read_int.h"

#include <stdint.h>
#include <string.h>

/* Keys of the top-level object that prove or betray a format. */
static const char *const root_names[] = {
	"SchemaVersion", "ClusterName", "check_type", "results", "summary",
	"passed", "failed", "skipped", "parsing_errors", "checkov_version",
	"runs", "version", "paging", "issues", "hotspots", "total", "p", "ps",
	"projectStatus", "task", "errors", "qualityGate", "taskId", "rules",
	"kics_version", "queries", "total_counter", "severity_counters",
	"generated_at", "metrics", "paths", "matches", "descriptor", "distro",
	"bomFormat", "specVersion", "hotspotKeys", "sonarComponent",
	"ArtifactName", "Results", NULL
};
enum {
	RK_SCHEMAVERSION, RK_CLUSTERNAME, RK_CHECK_TYPE, RK_RESULTS, RK_SUMMARY,
	RK_PASSED, RK_FAILED, RK_SKIPPED, RK_PARSING_ERRORS, RK_CHECKOV_VERSION,
	RK_RUNS, RK_VERSION, RK_PAGING, RK_ISSUES, RK_HOTSPOTS, RK_TOTAL, RK_P,
	RK_PS, RK_PROJECTSTATUS, RK_TASK, RK_ERRORS, RK_QUALITYGATE, RK_TASKID,
	RK_RULES, RK_KICS_VERSION, RK_QUERIES, RK_TOTAL_COUNTER,
	RK_SEVERITY_COUNTERS, RK_GENERATED_AT, RK_METRICS, RK_PATHS,
	RK_MATCHES, RK_DESCRIPTOR, RK_DISTRO, RK_BOMFORMAT, RK_SPECVERSION,
	RK_HOTSPOTKEYS, RK_SONARCOMPONENT, RK_ARTIFACTNAME, RK_TRESULTS,
	RK_OTHER
};

/* Keys of list elements (top-level lists and foreign result lists). */
static const char *const elem_names[] = {
	"Target", "check_type", "rule_id", "long_id", "rule_provider",
	"check_id", "extra", "test_id", "issue_severity", "RuleID", "Secret",
	"Match", "File", "ruleId", "primaryLocation", "engineId", "msg",
	"vulnerability", "artifact", "rule", "component", NULL
};
enum {
	EK_TARGET, EK_CHECK_TYPE, EK_RULE_ID, EK_LONG_ID, EK_RULE_PROVIDER,
	EK_CHECK_ID, EK_EXTRA, EK_TEST_ID, EK_ISSUE_SEVERITY, EK_RULEID,
	EK_SECRET, EK_MATCH, EK_FILE, EK_SQ_RULEID, EK_PRIMARYLOCATION,
	EK_ENGINEID, EK_MSG, EK_VULNERABILITY, EK_ARTIFACT, EK_RULE,
	EK_COMPONENT, EK_OTHER
};

/* Keys of a top-level `results` object: Checkov's or terrascan's. */
static const char *const results_names[] = {
	"failed_checks", "passed_checks", "skipped_checks", "parsing_errors",
	"violations", "scan_summary", "skipped_violations", NULL
};
enum { XK_FAILED, XK_PASSED, XK_SKIPPED, XK_PARSING, XK_VIOLATIONS,
       XK_SCAN_SUMMARY, XK_SKIPPED_VIOLATIONS };

#define BIT(n) ((uint64_t)1 << (n))
#define HAS(mask, n) (((mask) & BIT(n)) != 0)

static int index_of(const char *const *names, const char *k)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], k))
			return i;
	return i;	/* the "other" bit */
}

void detect_root_key(struct reader *r, const char *k)
{
	r->root_keys |= BIT(index_of(root_names, k));
}

void detect_elem_key(struct reader *r, const char *k)
{
	uint64_t bit = BIT(index_of(elem_names, k));

	r->elem_keys |= bit;
	r->cur_elem_keys |= bit;
}

void detect_results_key(struct reader *r, const char *k)
{
	r->results_keys |= BIT(index_of(results_names, k));
}

/* Top-level scalars that matter: SARIF's version, CycloneDX's marker. */
void detect_root_scalar(struct reader *r, const char *k, enum js_type t,
			const char *s, size_t len)
{
	if (!strcmp(k, "version") && t == JS_STRING) {
		len = len < sizeof(r->sarif_version) - 1 ? len :
			sizeof(r->sarif_version) - 1;
		memcpy(r->sarif_version, s, len);
		r->sarif_version[len] = '\0';
	}
}

void detect_elem_begin(struct reader *r)
{
	r->cur_elem_keys = 0;
}

/* A top-level list element closed: is it a proven Trivy or Checkov one? */
void detect_elem_done(struct reader *r, int tag)
{
	if (HAS(r->cur_elem_keys, EK_TARGET) && tag == T_TV_RESULT)
		r->elems_trivy++;
	else if (HAS(r->cur_elem_keys, EK_CHECK_TYPE) && tag == T_CK_REPORT)
		r->elems_checkov++;
	else if (tag == T_TV_RESULT || tag == T_CK_REPORT)
		r->elems_unproven++;	/* looked like one, proved nothing */
}

struct foreign {
	const char *what, *how;
};

/* Scanners recognised by their own top-level keys. */
static struct foreign identify_by_root(uint64_t k, uint64_t e)
{
	if (HAS(k, RK_KICS_VERSION) || HAS(k, RK_TOTAL_COUNTER) ||
	    (HAS(k, RK_QUERIES) && HAS(k, RK_SEVERITY_COUNTERS)))
		return (struct foreign){ "a KICS report",
			"kics scan --report-formats sarif" };
	if (HAS(k, RK_BOMFORMAT) || HAS(k, RK_SPECVERSION))
		return (struct foreign){ "a CycloneDX document (an SBOM)",
			"scan it with 'trivy sbom --format json FILE'" };
	if (HAS(k, RK_MATCHES) && (HAS(k, RK_DESCRIPTOR) || HAS(k, RK_DISTRO) ||
				   HAS(e, EK_VULNERABILITY) || HAS(e, EK_ARTIFACT)))
		return (struct foreign){ "a grype report", "grype -o sarif" };
	if (HAS(k, RK_GENERATED_AT) || HAS(k, RK_METRICS) ||
	    HAS(e, EK_TEST_ID) || HAS(e, EK_ISSUE_SEVERITY))
		return (struct foreign){ "a bandit report", "bandit -f sarif" };
	return (struct foreign){ NULL, NULL };
}

/* Scanners recognised by the keys of their results. */
static struct foreign identify_by_results(uint64_t k, uint64_t e, uint64_t x)
{
	if (HAS(e, EK_EXTRA) || (HAS(k, RK_PATHS) && HAS(k, RK_RESULTS)) ||
	    (HAS(e, EK_CHECK_ID) && !HAS(e, EK_CHECK_TYPE)))
		return (struct foreign){ "a semgrep report", "semgrep --sarif" };
	if (HAS(e, EK_LONG_ID) || HAS(e, EK_RULE_PROVIDER) ||
	    (HAS(e, EK_RULE_ID) && HAS(k, RK_RESULTS)))
		return (struct foreign){ "a tfsec report", "tfsec --format sarif" };
	if (HAS(x, XK_VIOLATIONS) || HAS(x, XK_SCAN_SUMMARY) ||
	    HAS(x, XK_SKIPPED_VIOLATIONS))
		return (struct foreign){ "a terrascan report",
			"terrascan scan -o sarif" };
	if (HAS(e, EK_RULEID) && (HAS(e, EK_SECRET) || HAS(e, EK_MATCH) ||
				  HAS(e, EK_FILE)))
		return (struct foreign){ "a gitleaks report",
			"gitleaks detect --report-format sarif" };
	if (HAS(k, RK_HOTSPOTKEYS) || HAS(k, RK_SONARCOMPONENT))
		return (struct foreign){ "a sonar-report (soprasteria) export",
			"save SonarQube's api/issues/search answer, or use "
			"'gate --sonar'" };
	if (HAS(k, RK_RUNS))
		return (struct foreign){ "SARIF of another version",
			"export SARIF 2.1.0" };
	return (struct foreign){ NULL, NULL };
}

/* What a refused JSON report looks like, from the keys seen. */
static struct foreign identify(const struct reader *r)
{
	struct foreign f = identify_by_root(r->root_keys, r->elem_keys);

	return f.what ? f : identify_by_results(r->root_keys, r->elem_keys,
						r->results_keys);
}

static int refuse(struct reader *r, const char *shape)
{
	struct foreign f = identify(r);

	if (f.what)
		return err_set(r->err, ERR_INPUT, "%s: %s, which the gate does "
			       "not read; export SARIF instead (%s)", r->name,
			       f.what, f.how);
	return err_set(r->err, ERR_INPUT, "%s: %s that is no known report "
		       "(Checkov JSON, Trivy JSON, SARIF 2.1.0, SonarQube Web "
		       "API responses or generic issue import)%s%s", r->name,
		       shape, r->unknown_keys.len ? "; top-level keys: " : "",
		       r->unknown_keys.ptr);
}

static enum fmt decide_list(struct reader *r)
{
	if (!r->root_elems)
		return FMT_EMPTY;	/* `[]`: nothing found */
	if (r->elems_unproven)
		return FMT_UNKNOWN;
	if (r->elems_trivy && !r->elems_checkov)
		return FMT_TRIVY;
	if (r->elems_checkov && !r->elems_trivy)
		return FMT_CHECKOV;
	return FMT_UNKNOWN;
}

static int is_checkov_summary(uint64_t k)
{
	uint64_t all = BIT(RK_PASSED) | BIT(RK_FAILED) | BIT(RK_SKIPPED) |
		BIT(RK_PARSING_ERRORS);

	return HAS(k, RK_CHECKOV_VERSION) || (k & all) == all;
}

/* The scanners' own formats: Trivy, Checkov, SARIF. */
static enum fmt decide_scanner(const struct reader *r)
{
	uint64_t k = r->root_keys, x = r->results_keys;

	if (HAS(k, RK_SCHEMAVERSION) || HAS(k, RK_CLUSTERNAME))
		return FMT_TRIVY;
	if (HAS(k, RK_CHECK_TYPE) || (r->ck_results_object &&
	    (x & (BIT(XK_FAILED) | BIT(XK_PASSED) | BIT(XK_SKIPPED) |
		  BIT(XK_PARSING)))))
		return FMT_CHECKOV;
	if (!HAS(k, RK_RESULTS) && is_checkov_summary(k))
		return FMT_CHECKOV_SUMMARY;
	if (HAS(k, RK_RUNS) && !strcmp(r->sarif_version, "2.1.0"))
		return FMT_SARIF;
	return FMT_UNKNOWN;
}

/* SonarQube's Web API answers and its generic issue import. */
static enum fmt decide_sonar(const struct reader *r)
{
	uint64_t k = r->root_keys, e = r->elem_keys;
	int generic = HAS(e, EK_SQ_RULEID) && HAS(e, EK_PRIMARYLOCATION);
	int api = HAS(e, EK_RULE) || HAS(e, EK_COMPONENT);
	int paged = HAS(k, RK_PAGING) ||
		(HAS(k, RK_TOTAL) && HAS(k, RK_P) && HAS(k, RK_PS));

	if (paged && HAS(k, RK_ISSUES) && !generic)
		return FMT_SONAR_ISSUES;
	if (paged && HAS(k, RK_HOTSPOTS))
		return FMT_SONAR_HOTSPOTS;
	if (!paged && HAS(k, RK_ISSUES) && !api &&
	    (generic || HAS(k, RK_RULES)) &&
	    !(k & ~(BIT(RK_ISSUES) | BIT(RK_RULES))))
		return FMT_SONAR_GENERIC;
	if (HAS(k, RK_PROJECTSTATUS))
		return FMT_SONAR_GATE;
	if (HAS(k, RK_TASK) && r->sq_task_seen)
		return FMT_SONAR_TASK;
	if (HAS(k, RK_QUALITYGATE) && HAS(k, RK_TASKID))
		return FMT_SONAR_WEBHOOK;
	/* the error envelope is that and nothing else */
	if (k == BIT(RK_ERRORS) && HAS(e, EK_MSG))
		return FMT_SONAR_ERROR;
	return FMT_UNKNOWN;
}

static enum fmt decide_object(const struct reader *r)
{
	enum fmt f = decide_scanner(r);

	return f != FMT_UNKNOWN ? f : decide_sonar(r);
}

int detect_decide(struct reader *r)
{
	if (r->fmt == FMT_EMPTY && !r->root_is_array)
		return 0;	/* `null`: Trivy's legacy "nothing found" */
	r->fmt = r->root_is_array ? decide_list(r) : decide_object(r);
	if (r->fmt != FMT_UNKNOWN)
		return 0;
	return refuse(r, r->root_is_array ? "a JSON list" : "JSON");
}

/* The first bytes for a message: no further than the data, printable. */
static const char *printable_start(const char *p, size_t len, char *out,
				   size_t size)
{
	size_t i;

	for (i = 0; i < len && i + 1 < size && p[i] != '\n'; i++)
		out[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?';
	out[i] = '\0';
	return out;
}

/* What the first bytes of a file that is no JSON say it is. */
int detect_text(const char *name, const char *p, size_t len,
		struct err *err)
{
	char start[21];

	if (memmem(p, len, "By Prisma Cloud", 15) ||
	    memmem(p, len, "bridgecrew", 10) || memmem(p, len, "Check: CKV", 10) ||
	    (memmem(p, len, "       _ ", 9) && memmem(p, len, "checkov", 7)))
		return err_set(err, ERR_INPUT, "%s: Checkov console text, not "
			       "JSON; run checkov with '-o json' (or '-o sarif')",
			       name);
	if (memmem(p, len, "Total: ", 7) && (memmem(p, len, "(UNKNOWN: ", 10) ||
					     memmem(p, len, "CRITICAL: ", 10)))
		return err_set(err, ERR_INPUT, "%s: Trivy's table output, not "
			       "JSON; run trivy with '--format json' (or "
			       "'--format sarif')", name);
	if (memmem(p, len, "\xe2\x94\x82", 3) && memmem(p, len, "Vulnerab", 8))
		return err_set(err, ERR_INPUT, "%s: Trivy's table output, not "
			       "JSON; run trivy with '--format json'", name);
	return err_set(err, ERR_INPUT, "%s: not a report: neither JSON nor "
		       "SonarQube's report-task.txt (starts with '%s')", name,
		       printable_start(p, len, start, sizeof(start)));
}
