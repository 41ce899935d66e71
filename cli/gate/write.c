/*
 * The output formats by name, and one entry point for the command.
 */
#include "gate/gate.h"

#include <string.h>

static const char *const names[] = {
	"text", "json", "sarif", "junit", "markdown", "sonar", NULL
};

int gate_out_parse(const char *name)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

const char *gate_out_name(enum gate_out fmt)
{
	return names[fmt];
}

void gate_write(struct buf *out, enum gate_out fmt, const struct gate_input *in,
		const struct gate_result *res, int color)
{
	/* fingerprints are a cache, computed when first needed */
	if (fmt != GATE_OUT_TEXT && fmt != GATE_OUT_MARKDOWN)
		gate_fingerprints((struct gate_input *)in);
	switch (fmt) {
	case GATE_OUT_TEXT:
		gate_write_text(out, in, res, color);
		break;
	case GATE_OUT_JSON:
		gate_write_json(out, in, res);
		break;
	case GATE_OUT_SARIF:
		gate_write_sarif(out, in, res);
		break;
	case GATE_OUT_JUNIT:
		gate_write_junit(out, in, res);
		break;
	case GATE_OUT_MARKDOWN:
		gate_write_markdown(out, in, res);
		break;
	case GATE_OUT_SONAR:
		gate_write_sonar(out, in, res);
		break;
	}
}
