/*
 * docs: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_docs(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'docs' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_docs_entry = {
	.name = "docs",
	.summary = "write the inputs and outputs tables of the module READMEs",
	.usage = "docs",
	.run = run_docs,
};
