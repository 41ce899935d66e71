/*
 * jenkins: placeholder until its issue lands; it says so and exits 3.
 */
#include "cmd/cmd.h"
#include "util/msg.h"

static int run_jenkins(int argc, const char **argv, const struct cmd_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	msg_error("'jenkins' is not implemented yet");
	return EXIT_ENV;
}

const struct cmd_entry cmd_jenkins_entry = {
	.name = "jenkins",
	.summary = "trigger, follow, approve and stop Jenkins pipelines",
	.usage = "jenkins build|log|status|stop|input JOB ...",
	.run = run_jenkins,
};
