/*
 * render: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_render(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'render' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_render_entry = {
	.name = "render",
	.summary = "write or check the Terragrunt tree from stack.yaml",
	.usage = "render [ENV...] [--check]",
	.run = run_render,
};
