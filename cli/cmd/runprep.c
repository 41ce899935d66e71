/*
 * Shared preparation of plan and apply (see runprep.h).
 */
#include "cmd/runprep.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/envname.h"
#include "render/render.h"
#include "run/lock.h"
#include "run/proc.h"
#include "run/sched.h"
#include "run/spawn.h"
#include "run/stackunits.h"
#include "util/fs.h"
#include "util/msg.h"
#include "util/xalloc.h"
#include "vcs/vcs.h"

static int check_tree(const struct stack *st, const char *env)
{
	const char *envs[1] = { env };
	struct render_opts opts = { envs, 1 };
	struct render_changes ch = RENDER_CHANGES_INIT;
	struct err err = ERR_INIT;
	size_t i;
	int ret = 0;

	if (render_check(&ch, st, &opts, &err) < 0)
		return cmd_fail(&err);
	if (ch.drift) {
		msg_error("the rendered tree of '%s' is stale (stack.yaml changed); refusing to plan it",
			  env);
		for (i = 0; i < ch.nr && i < 10; i++)
			fprintf(stderr, "  %s %s\n",
				ch.items[i].kind == RENDER_CREATE ? "missing " :
				ch.items[i].kind == RENDER_DELETE ? "stale   " :
				"outdated", ch.items[i].path);
		fprintf(stderr, "fix: mds-infra render %s && git add terragrunt/%s\n",
			env, env);
		ret = EXIT_NEGATIVE;
	}
	render_changes_release(&ch);
	err_release(&err);
	return ret;
}

int runprep_units(struct stack **st, struct run_set *set,
		  const struct cmd_ctx *ctx, const char *env)
{
	char *path = cmd_stack_path(ctx);
	struct err err = ERR_INIT;
	int ret = 0;

	if (stack_load(st, path, &err) < 0)
		ret = cmd_fail(&err);
	else if ((ret = cmd_check_env(*st, env)))
		;
	else if (units_from_stack(set, *st, env, &err) < 0)
		ret = cmd_fail(&err);
	else
		ret = check_tree(*st, env);
	free(path);
	err_release(&err);
	return ret;
}

int runprep_binary(char **out)
{
	const char *tg = getenv("MDS_TERRAGRUNT");

	if (!tg || !*tg)
		tg = "terragrunt";
	*out = proc_which(tg);
	if (*out && (*out)[0] != '/') {
		/* children run in the component's directory: no relative path */
		char *abs = realpath(*out, NULL);

		free(*out);
		*out = abs;
	}
	if (*out)
		return 0;
	msg_error("'%s' not found%s; install terragrunt (see 'mds-infra doctor plan') or set MDS_TERRAGRUNT",
		  tg, strchr(tg, '/') ? "" : " in PATH");
	return EXIT_ENV;
}

/*
 * `dir` made absolute, or the default <root>/.mds/<kind>/<env>, which is
 * never reached through a symlink (an error in `err` then).
 */
static char *plan_dir_path(const char *dir, const struct run_set *set,
			   const char *kind, struct err *err)
{
	char *abs, *rel;

	if (dir && dir[0] == '/')
		return xstrdup(dir);
	if (dir) {
		char *cwd = getcwd(NULL, 0);

		abs = fs_join(cwd ? cwd : ".", dir);
		free(cwd);
		return abs;
	}
	rel = xasprintf(".mds/%s/%s", kind, set->env);
	abs = fs_join(set->root, rel);
	/* our own default: never a symlink out of the repository */
	fs_refuse_symlinks(set->root, rel, err);
	free(rel);
	return abs;
}

int runprep_dir(char **out, const char *dir, const struct run_set *set,
		const char *kind)
{
	struct err err = ERR_INIT;
	char *abs = plan_dir_path(dir, set, kind, &err);

	/* Plan files hold backend settings and sensitive values in clear
	 * (contract §3.2): directories are private from their creation, and
	 * so is every file made from now on (terraform's plan files too). */
	umask(umask(077) | 077);
	if (err_is_set(&err) || fs_mkdirs_mode(abs, 0700, &err) < 0) {
		int ret = cmd_fail(&err);

		err_release(&err);
		free(abs);
		return ret;
	}
	if (!dir)
		chmod(abs, 0700);	/* made by an older version */
	*out = abs;
	return 0;
}

int runprep_saved_dir(char **out, const char *dir, const struct run_set *set)
{
	struct err err = ERR_INIT;
	char *abs = plan_dir_path(dir, set, "plans", &err);

	if (err_is_set(&err)) {
		int ret = cmd_fail(&err);

		err_release(&err);
		free(abs);
		return ret;
	}
	if (!fs_is_dir(abs)) {
		msg_error("no saved plan for '%s' in %s (no such directory); "
			  "run 'mds-infra plan %s%s%s' first", set->env, abs,
			  set->env, dir ? " --out " : "", dir ? dir : "");
		free(abs);
		return EXIT_NEGATIVE;
	}
	*out = abs;
	return 0;
}

char *runprep_commit(const struct run_set *set, int *dirty)
{
	struct vcs *v = NULL;
	struct err err = ERR_INIT;
	char hex[VCS_OID_HEX];
	char *ret = NULL;

	*dirty = 0;
	if (vcs_open(&v, set->root, &err) == 0 && vcs_head(hex, v, &err) == 0) {
		ret = xstrdup(hex);
		vcs_is_dirty(dirty, v, &err);
	}
	vcs_free(v);
	err_release(&err);
	return ret;
}

int runprep_lock(struct run_lock *lock, const struct run_set *set)
{
	char *dir = fs_join(set->root, ".mds/locks");
	struct err err = ERR_INIT;
	int ret = 0;

	if (run_lock_acquire(lock, dir, set->env, &err) < 0)
		ret = cmd_fail(&err);
	else if (lock->took_stale)
		msg_warn("removed a stale lock of '%s' (held by %s, no longer running)",
			 set->env, lock->stale_holder);
	free(dir);
	err_release(&err);
	return ret;
}

int runprep_check_limits(const struct cmd_entry *e, int jobs, int timeout_s)
{
	if (jobs < 0)
		return cmd_usage_error(e, "option '--jobs' takes a positive number "
				       "(0 or none: the number of cores), not %d", jobs);
	if (timeout_s < 0)
		return cmd_usage_error(e, "option '--timeout' takes a positive number "
				       "of seconds (0 or none: no limit), not %d", timeout_s);
	return 0;
}

void runprep_sched(struct sched_opts *so, char ***envp, int jobs,
		   int fail_fast, int timeout_s)
{
	struct buf dropped = BUF_INIT;

	*envp = proc_env_build(NULL, &dropped);
	if (dropped.len)
		msg_warn("ignoring %s from the environment: they would change the pinned commands",
			 dropped.ptr);
	buf_release(&dropped);
	so->jobs = jobs > 0 ? jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	so->jobs = so->jobs > 0 ? so->jobs : 1;
	so->fail_fast = fail_fast;
	so->timeout_ms = timeout_s > 0 ? timeout_s * 1000 : 0;
}
