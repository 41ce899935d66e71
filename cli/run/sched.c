#include "run/sched.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

#define NO_CAUSE ((size_t)-1)

struct node_rt {
	size_t remaining;	/* dependencies not yet OK */
	size_t nr_dependents;
	size_t *dependents;
	double prio;		/* longest remaining chain, own cost included */
	struct proc_handle h;
	int running, reaped, wstatus, interrupted, timed_out;
	long long started_ms, deadline_ms, kill_ms;
};

struct sched {
	const struct sched_graph *g;
	const struct sched_opts *o;
	const struct sched_ops *ops;
	void *ctx;
	enum sched_state *st;
	struct node_rt *n;
	size_t running;
	int stop, signals;
	struct pollfd *pfd;
	size_t *pfd_node;
};

static int sig_fds[2] = { -1, -1 };

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	/* A full pipe means a wake-up is already pending: nothing lost. */
	(void)!write(sig_fds[1], &c, 1);
	errno = saved;
}

static int signals_install(struct sigaction old[3], struct err *err)
{
	static const int sigs[3] = { SIGINT, SIGTERM, SIGCHLD };
	struct sigaction sa;
	int i;

	if (pipe2(sig_fds, O_CLOEXEC | O_NONBLOCK) < 0)
		return err_set(err, ERR_IO, "cannot create a pipe: %s",
			       strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	return 0;
}

static void signals_restore(struct sigaction old[3])
{
	static const int sigs[3] = { SIGINT, SIGTERM, SIGCHLD };
	int i;

	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	close(sig_fds[0]);
	close(sig_fds[1]);
	sig_fds[0] = sig_fds[1] = -1;
}

int sched_check(const struct sched_graph *g, size_t *cycle_node,
		struct err *err)
{
	size_t *left = xcalloc(g->nr + 1, sizeof(*left));
	size_t i, k, done = 0, changed = 1;

	for (i = 0; i < g->nr; i++) {
		for (k = 0; k < g->nr_deps[i]; k++)
			if (g->deps[i][k] >= g->nr) {
				free(left);
				return err_set(err, ERR_INPUT,
					       "node %zu depends on unknown node %zu",
					       i, g->deps[i][k]);
			}
		left[i] = g->nr_deps[i];
	}
	/* Peel nodes whose dependencies are all done; what remains cycles. */
	while (changed) {
		changed = 0;
		for (i = 0; i < g->nr; i++) {
			size_t open = 0;

			if (left[i] == (size_t)-1)
				continue;
			for (k = 0; k < g->nr_deps[i]; k++)
				open += left[g->deps[i][k]] != (size_t)-1;
			if (!open) {
				left[i] = (size_t)-1;
				done++;
				changed = 1;
			}
		}
	}
	for (i = 0; done < g->nr && i < g->nr; i++)
		if (left[i] != (size_t)-1)
			break;
	free(left);
	if (done == g->nr)
		return 0;
	*cycle_node = i;
	return err_set(err, ERR_INPUT, "dependency cycle through node %zu", i);
}

static double cost_of(const struct sched_graph *g, size_t i)
{
	return g->cost ? g->cost[i] : 1.0;
}

/* prio[i] = cost[i] + max prio over dependents, by repeated relaxation in
 * reverse topological order (computed with a DFS post-order). */
static void compute_prio(struct sched *s, size_t i, char *seen)
{
	struct node_rt *n = &s->n[i];
	double best = 0;
	size_t k;

	if (seen[i])
		return;
	seen[i] = 1;
	for (k = 0; k < n->nr_dependents; k++) {
		compute_prio(s, n->dependents[k], seen);
		if (s->n[n->dependents[k]].prio > best)
			best = s->n[n->dependents[k]].prio;
	}
	n->prio = cost_of(s->g, i) + best;
}

static void setup_nodes(struct sched *s)
{
	const struct sched_graph *g = s->g;
	char *seen = xcalloc(g->nr + 1, 1);
	size_t i, k;

	s->n = xcalloc(g->nr + 1, sizeof(*s->n));
	for (i = 0; i < g->nr; i++) {
		s->st[i] = SCHED_PENDING;
		s->n[i].remaining = g->nr_deps[i];
		s->n[i].h.out_fd = s->n[i].h.err_fd = -1;
		for (k = 0; k < g->nr_deps[i]; k++) {
			struct node_rt *d = &s->n[g->deps[i][k]];

			d->dependents = xreallocarray(d->dependents,
						      d->nr_dependents + 1,
						      sizeof(size_t));
			d->dependents[d->nr_dependents++] = i;
		}
	}
	for (i = 0; i < g->nr; i++)
		compute_prio(s, i, seen);
	free(seen);
}

static void set_state(struct sched *s, size_t i, enum sched_state st,
		      size_t cause)
{
	s->st[i] = st;
	s->ops->state(s->ctx, i, st, cause);
}

static void skip_dependents(struct sched *s, size_t i, size_t cause)
{
	size_t k;

	for (k = 0; k < s->n[i].nr_dependents; k++) {
		size_t d = s->n[i].dependents[k];

		if (s->st[d] != SCHED_PENDING)
			continue;
		set_state(s, d, SCHED_SKIPPED, cause);
		skip_dependents(s, d, cause);
	}
}

static void interrupt_running(struct sched *s)
{
	size_t i;

	for (i = 0; i < s->g->nr; i++)
		if (s->n[i].running && !s->n[i].reaped && !s->n[i].interrupted) {
			s->n[i].interrupted = 1;
			kill(s->n[i].h.pid, SIGINT);
		}
}

static void finish(struct sched *s, size_t i, enum sched_state st)
{
	size_t k;

	set_state(s, i, st, NO_CAUSE);
	if (st == SCHED_OK) {
		for (k = 0; k < s->n[i].nr_dependents; k++)
			s->n[s->n[i].dependents[k]].remaining--;
		return;
	}
	skip_dependents(s, i, i);
	if (st == SCHED_HELD)
		return;
	if (s->o->fail_fast && !s->stop) {
		s->stop = 1;
		interrupt_running(s);
	}
}

/* Asks the job what to do next for node i and does it. */
static void advance(struct sched *s, size_t i, const struct sched_exit *prev)
{
	struct proc_spec spec = { NULL, NULL, NULL };
	struct err err = ERR_INIT;
	struct node_rt *n = &s->n[i];
	int r = s->ops->step(s->ctx, i, prev, &spec);

	if (r == SCHED_STEP_RUN && s->stop)
		r = SCHED_STEP_FAIL;
	if (r != SCHED_STEP_RUN) {
		finish(s, i, r == SCHED_STEP_OK ? SCHED_OK :
			  r == SCHED_STEP_HOLD ? SCHED_HELD : SCHED_FAILED);
		return;
	}
	if (proc_spawn(&n->h, &spec, &err) < 0) {
		s->ops->spawn_failed(s->ctx, i, &err);
		err_release(&err);
		finish(s, i, SCHED_FAILED);
		return;
	}
	n->running = 1;
	n->reaped = n->interrupted = n->timed_out = 0;
	n->started_ms = now_ms();
	n->deadline_ms = s->o->timeout_ms > 0 ?
			 n->started_ms + s->o->timeout_ms : 0;
	n->kill_ms = 0;
	s->running++;
	if (s->st[i] == SCHED_PENDING)
		set_state(s, i, SCHED_RUNNING, NO_CAUSE);
}

static void start_ready(struct sched *s)
{
	while (!s->stop && s->running < (size_t)s->o->jobs) {
		size_t i, best = NO_CAUSE;

		for (i = 0; i < s->g->nr; i++)
			if (s->st[i] == SCHED_PENDING && !s->n[i].remaining &&
			    (best == NO_CAUSE || s->n[i].prio > s->n[best].prio))
				best = i;
		if (best == NO_CAUSE)
			return;
		advance(s, best, NULL);
	}
}

static void drain(struct sched *s, size_t i, int *fd, int stream)
{
	char chunk[16384];
	int rounds;

	for (rounds = 0; rounds < 8; rounds++) {
		ssize_t r = read(*fd, chunk, sizeof(chunk));

		if (r > 0) {
			s->ops->output(s->ctx, i, stream, chunk, (size_t)r);
			continue;
		}
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			return;
		close(*fd);
		*fd = -1;
		return;
	}
}

static void complete(struct sched *s, size_t i)
{
	struct node_rt *n = &s->n[i];
	struct sched_exit ex;

	ex.exited = WIFEXITED(n->wstatus);
	ex.status = ex.exited ? WEXITSTATUS(n->wstatus) : WTERMSIG(n->wstatus);
	ex.timed_out = n->timed_out;
	ex.interrupted = n->interrupted || s->signals > 0;
	ex.elapsed_s = (double)(now_ms() - n->started_ms) / 1000.0;
	n->running = 0;
	s->running--;
	advance(s, i, &ex);
}

/* Reaps exited leaders; kills what they left in their group. */
static void reap(struct sched *s)
{
	size_t i;

	for (i = 0; i < s->g->nr; i++) {
		struct node_rt *n = &s->n[i];

		if (!n->running)
			continue;
		if (!n->reaped && waitpid(n->h.pid, &n->wstatus, WNOHANG) > 0) {
			n->reaped = 1;
			kill(-n->h.pid, SIGKILL);
		}
		if (n->reaped && n->h.out_fd < 0 && n->h.err_fd < 0)
			complete(s, i);
	}
}

static void on_signals(struct sched *s)
{
	unsigned char c[64];
	ssize_t r, k;
	size_t i;

	while ((r = read(sig_fds[0], c, sizeof(c))) > 0)
		for (k = 0; k < r; k++) {
			if (c[k] != SIGINT && c[k] != SIGTERM)
				continue;
			if (++s->signals == 1) {
				s->stop = 1;
				interrupt_running(s);
			} else {
				for (i = 0; i < s->g->nr; i++)
					if (s->n[i].running && !s->n[i].reaped)
						kill(-s->n[i].h.pid, SIGKILL);
			}
			if (s->ops->interrupt)
				s->ops->interrupt(s->ctx, s->signals);
		}
}

/* Timeouts: SIGINT at the deadline, SIGKILL to the group after the grace. */
static int timeouts(struct sched *s, long long now)
{
	long long next = now + (s->o->tick_ms > 0 ? s->o->tick_ms : 250);
	size_t i;

	for (i = 0; i < s->g->nr; i++) {
		struct node_rt *n = &s->n[i];

		if (!n->running || n->reaped || !n->deadline_ms)
			continue;
		if (!n->timed_out && now >= n->deadline_ms) {
			n->timed_out = 1;
			kill(n->h.pid, SIGINT);
			n->kill_ms = now + s->o->grace_ms;
		} else if (n->kill_ms && now >= n->kill_ms) {
			kill(-n->h.pid, SIGKILL);
			n->kill_ms = 0;
		}
		if (!n->timed_out && n->deadline_ms < next)
			next = n->deadline_ms;
		if (n->kill_ms && n->kill_ms < next)
			next = n->kill_ms;
	}
	return next > now ? (int)(next - now) : 0;
}

static size_t fill_pollfds(struct sched *s)
{
	size_t i, nr = 1;

	s->pfd[0].fd = sig_fds[0];
	s->pfd[0].events = POLLIN;
	for (i = 0; i < s->g->nr; i++) {
		if (!s->n[i].running)
			continue;
		if (s->n[i].h.out_fd >= 0) {
			s->pfd[nr].fd = s->n[i].h.out_fd;
			s->pfd[nr].events = POLLIN;
			s->pfd_node[nr++] = i;
		}
		if (s->n[i].h.err_fd >= 0) {
			s->pfd[nr].fd = s->n[i].h.err_fd;
			s->pfd[nr].events = POLLIN;
			s->pfd_node[nr++] = i;
		}
	}
	return nr;
}

static int wait_events(struct sched *s, struct err *err)
{
	size_t nr = fill_pollfds(s), k;
	int wait = timeouts(s, now_ms());
	int r = poll(s->pfd, nr, wait);

	if (r < 0 && errno != EINTR)
		return err_set(err, ERR_IO, "poll failed: %s", strerror(errno));
	if (r > 0 && s->pfd[0].revents)
		on_signals(s);
	for (k = 1; r > 0 && k < nr; k++) {
		struct node_rt *n = &s->n[s->pfd_node[k]];

		if (!s->pfd[k].revents)
			continue;
		if (s->pfd[k].fd == n->h.out_fd)
			drain(s, s->pfd_node[k], &n->h.out_fd, 1);
		else if (s->pfd[k].fd == n->h.err_fd)
			drain(s, s->pfd_node[k], &n->h.err_fd, 2);
	}
	return 0;
}

/* On a system error: stop everything hard and wait for it. */
static void kill_all(struct sched *s)
{
	size_t i;

	for (i = 0; i < s->g->nr; i++) {
		struct node_rt *n = &s->n[i];

		if (!n->running)
			continue;
		kill(-n->h.pid, SIGKILL);
		if (!n->reaped)
			while (waitpid(n->h.pid, &n->wstatus, 0) < 0 &&
			       errno == EINTR)
				;
		if (n->h.out_fd >= 0)
			close(n->h.out_fd);
		if (n->h.err_fd >= 0)
			close(n->h.err_fd);
		n->running = 0;
		s->st[i] = SCHED_FAILED;
	}
}

static int run_loop(struct sched *s, struct err *err)
{
	long long next_tick = now_ms();
	int tick = s->o->tick_ms > 0 ? s->o->tick_ms : 250;

	for (;;) {
		start_ready(s);
		if (!s->running)
			return 0;
		if (wait_events(s, err) < 0) {
			kill_all(s);
			return err->code;
		}
		reap(s);
		if (s->ops->tick && now_ms() >= next_tick) {
			s->ops->tick(s->ctx);
			next_tick = now_ms() + tick;
		}
	}
}

int sched_run(enum sched_state *states, int *interrupted,
	      const struct sched_graph *g, const struct sched_opts *opts,
	      const struct sched_ops *ops, void *ctx, struct err *err)
{
	struct sched s = { g, opts, ops, ctx, states, NULL, 0, 0, 0, NULL, NULL };
	struct sigaction old[3];
	size_t i, cycle;
	int ret;

	if (sched_check(g, &cycle, err) < 0)
		return err->code;
	if (signals_install(old, err) < 0)
		return err->code;
	setup_nodes(&s);
	s.pfd = xcalloc(2 * g->nr + 1, sizeof(*s.pfd));
	s.pfd_node = xcalloc(2 * g->nr + 1, sizeof(*s.pfd_node));
	ret = run_loop(&s, err);
	for (i = 0; i < g->nr; i++)
		if (states[i] == SCHED_PENDING)
			set_state(&s, i, SCHED_SKIPPED, NO_CAUSE);
	signals_restore(old);
	*interrupted = s.signals;
	for (i = 0; i < g->nr; i++)
		free(s.n[i].dependents);
	free(s.n);
	free(s.pfd);
	free(s.pfd_node);
	return ret;
}
