/*
 * apply: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_apply(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'apply' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_apply_entry = {
	.name = "apply",
	.summary = "apply exactly the saved plans of an environment",
	.usage = "apply ENV [--plan DIR] [--approve]",
	.run = run_apply,
};
