/*
 * Every report reader behind the gate's format detection: Trivy, Checkov,
 * SARIF, SonarQube pages and webhooks, report-task.txt.  `make fuzz` builds
 * it once per format (fuzz_report_<format>), each seeded and given a
 * dictionary for its own format; then the findings are written as JSON and
 * SARIF, so that the writers see whatever the readers let through.
 */
#include <stddef.h>
#include <stdint.h>

#include "gate/finding.h"
#include "gate/gate.h"
#include "util/buf.h"

/* Whether the output is strict UTF-8 (RFC 3629) without NUL bytes. */
static int valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = s[i] == 0 ? 0 : s[i] < 0x80 ? 1 :
			   s[i] >= 0xC2 && s[i] <= 0xDF ? 2 :
			   s[i] >= 0xE0 && s[i] <= 0xEF ? 3 :
			   s[i] >= 0xF0 && s[i] <= 0xF4 ? 4 : 0;

		if (!n || i + n > len)
			return 0;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if (n > 2 && ((s[i] == 0xE0 && s[i + 1] < 0xA0) ||
			      (s[i] == 0xED && s[i + 1] > 0x9F) ||
			      (s[i] == 0xF0 && s[i + 1] < 0x90) ||
			      (s[i] == 0xF4 && s[i + 1] > 0x8F)))
			return 0;
		i += n;
	}
	return 1;
}

/* A writer that lets invalid UTF-8 through is a bug the fuzzer reports. */
static void check_output(const struct buf *out)
{
	if (!valid_utf8((const unsigned char *)out->ptr, out->len))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gate_input in = GATE_INPUT_INIT;
	struct gate_policy *pol = gate_policy_default(NULL);
	struct gate_result *res = NULL;
	struct err err = ERR_INIT;
	struct buf out = BUF_INIT;

	if (gate_read_mem(&in, "report.json", (const char *)data, len, &err) == 0 &&
	    gate_evaluate(&res, &in, pol, NULL, 20000, &err) == 0) {
		gate_write_json(&out, &in, res);
		check_output(&out);
		buf_reset(&out);
		gate_write_sarif(&out, &in, res);
		check_output(&out);
		buf_reset(&out);
		gate_write_sonar(&out, &in, res);
		check_output(&out);
	}
	buf_release(&out);
	gate_result_free(res);
	gate_policy_free(pol);
	gate_input_release(&in);
	err_release(&err);
	return 0;
}
