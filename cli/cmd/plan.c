/*
 * plan: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_plan(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'plan' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_plan_entry = {
	.name = "plan",
	.summary = "plan an environment in dependency order",
	.usage = "plan ENV [--component C]... [-j N] [--out DIR] [--json]",
	.run = run_plan,
};
