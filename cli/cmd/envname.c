/*
 * The error for an unknown environment: see envname.h.
 */
#include "cmd/envname.h"

#include <stdlib.h>

#include "cmd/exit.h"
#include "util/buf.h"
#include "util/msg.h"
#include "util/suggest.h"
#include "util/xalloc.h"

int cmd_check_env(const struct stack *st, const char *env)
{
	struct buf known = BUF_INIT;
	const char **names;
	const char *hint;
	size_t i;

	if (stack_env_find(st, env) >= 0)
		return 0;
	names = xcalloc(st->nr_envs + 1, sizeof(*names));
	for (i = 0; i < st->nr_envs; i++) {
		names[i] = st->envs[i].name;
		buf_addf(&known, "%s%s", i ? ", " : "", names[i]);
	}
	hint = suggest_closest(env, names, st->nr_envs);
	msg_error("unknown environment '%s' (%s%s%sthe stack defines: %s)",
		  env, hint ? "did you mean '" : "", hint ? hint : "",
		  hint ? "'? " : "", known.ptr ? known.ptr : "");
	buf_release(&known);
	free(names);
	return EXIT_USAGE;
}
