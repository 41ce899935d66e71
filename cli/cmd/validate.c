/*
 * validate: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_validate(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'validate' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_validate_entry = {
	.name = "validate",
	.summary = "check that stack.yaml, policies and modules agree",
	.usage = "validate",
	.run = run_validate,
};
