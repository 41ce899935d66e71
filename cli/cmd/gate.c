/*
 * gate: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_gate(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'gate' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_gate_entry = {
	.name = "gate",
	.summary = "one verdict from Checkov, Trivy, SARIF and SonarQube results",
	.usage = "gate [--env E] [--policy FILE] [--report FILE]... [-o FMT[:FILE]]...",
	.run = run_gate,
};
