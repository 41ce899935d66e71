/*
 * The progress view and summary of plan and apply (see runview.h).
 */
#include "cmd/runview.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/msg.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void runview_init(struct runview *v, const struct tg_run *run,
		  const char *verb, int quiet)
{
	memset(v, 0, sizeof(*v));
	v->run = run;
	v->verb = verb;
	v->quiet = quiet;
	v->live = !quiet && isatty(2) && getenv("TERM") &&
		  strcmp(getenv("TERM"), "dumb");
	v->t0 = now_s();
}

static void clear_footer(struct runview *v)
{
	if (v->footer)
		fprintf(stderr, "\033[%dA\033[J", v->footer);
	v->footer = 0;
}

static void draw_footer(struct runview *v)
{
	const struct tg_run *run = v->run;
	size_t i, done = 0, running = 0, failed = 0;
	double now = now_s();
	struct buf b = BUF_INIT;

	for (i = 0; i < run->set->nr; i++) {
		enum tg_status st = run->res[i].status;

		done += st != TG_PENDING && st != TG_RUNNING;
		failed += st == TG_FAILED;
		if (st != TG_RUNNING || running >= 20)
			continue;
		running++;
		buf_addf(&b, "  %-24s %-8s %6.1fs\n", run->set->units[i].name,
			 "running", now - run->res[i].started_s);
	}
	fprintf(stderr, "%s %s: %zu/%zu done, %zu running, %zu failed, %.0fs\n%s",
		v->verb, run->set->env, done, run->set->nr, running, failed,
		now - v->t0, b.ptr);
	v->footer = (int)running + 1;
	buf_release(&b);
}

static void state_line(const struct runview *v, size_t i)
{
	const struct tg_result *r = &v->run->res[i];
	const char *name = v->run->set->units[i].name;

	switch (r->status) {
	case TG_RUNNING:
		if (!v->live)
			fprintf(stderr, "[%s] running\n", name);
		break;
	case TG_CHANGES:
	case TG_NO_CHANGES:
		fprintf(stderr, "[%s] %s: %ld to add, %ld to change, %ld to destroy%s (%.1fs)\n",
			name, r->status == TG_CHANGES ? "changes" : "no changes",
			r->sum.add, r->sum.change, r->sum.destroy,
			r->used_mocks ? ", used mock outputs" : "", r->duration_s);
		if (!r->sum.is_plan)
			fprintf(stderr, "[%s] warning: show -json has no resource_changes, planned_values or output_changes (a state, not a plan?); counted as no changes\n",
				name);
		break;
	case TG_APPLIED:
		fprintf(stderr, "[%s] applied (%.1fs)\n", name, r->duration_s);
		break;
	case TG_FAILED:
		fprintf(stderr, "[%s] failed: %s (%.1fs)\n", name,
			r->reason ? r->reason : "failed", r->duration_s);
		break;
	case TG_SKIPPED:
		fprintf(stderr, "[%s] skipped: %s\n", name,
			r->reason ? r->reason : "");
		break;
	case TG_BLOCKED:
		fprintf(stderr, "[%s] blocked: %s\n", name,
			r->reason ? r->reason : "");
		break;
	case TG_PENDING:
		break;
	}
}

void runview_state(void *ui, size_t unit)
{
	struct runview *v = ui;

	if (v->quiet && v->run->res[unit].status != TG_FAILED)
		return;
	clear_footer(v);
	state_line(v, unit);
	if (v->live)
		draw_footer(v);
	fflush(stderr);
}

void runview_tick(void *ui)
{
	struct runview *v = ui;

	if (!v->live)
		return;
	clear_footer(v);
	draw_footer(v);
	fflush(stderr);
}

void runview_interrupt(void *ui, int count)
{
	struct runview *v = ui;

	clear_footer(v);
	if (count == 1)
		msg_warn("interrupted: stopping; running components finish gracefully (Ctrl-C again to kill them)");
	else
		msg_warn("interrupted again: killing every running component");
	fflush(stderr);
}

void runview_done(struct runview *v)
{
	clear_footer(v);
	fflush(stderr);
}

void runview_summary(FILE *out, const struct tg_run *run)
{
	long t[4] = { 0, 0, 0, 0 };
	size_t i;

	fprintf(out, "%-24s %-10s %5s %6s %7s %6s %9s\n", "COMPONENT", "STATUS",
		"ADD", "CHANGE", "DESTROY", "IMPORT", "DURATION");
	for (i = 0; i < run->set->nr; i++) {
		const struct tg_result *r = &run->res[i];
		int counted = r->status == TG_CHANGES ||
			      r->status == TG_NO_CHANGES || r->status == TG_APPLIED;

		if (counted)
			fprintf(out, "%-24s %-10s %5ld %6ld %7ld %6ld %8.1fs\n",
				run->set->units[i].name, tg_status_name(r->status),
				r->sum.add, r->sum.change, r->sum.destroy,
				r->sum.import, r->duration_s);
		else
			fprintf(out, "%-24s %-10s %5s %6s %7s %6s %8.1fs\n",
				run->set->units[i].name, tg_status_name(r->status),
				"-", "-", "-", "-", r->duration_s);
		t[0] += r->sum.add;
		t[1] += r->sum.change;
		t[2] += r->sum.destroy;
		t[3] += r->sum.import;
	}
	fprintf(out, "%-24s %-10s %5ld %6ld %7ld %6ld\n", "total", "",
		t[0], t[1], t[2], t[3]);
}

void runview_failures(FILE *out, const struct tg_run *run, int lines)
{
	size_t i;

	for (i = 0; i < run->set->nr; i++) {
		const struct tg_result *r = &run->res[i];
		struct buf tail = BUF_INIT;
		const char *p, *nl;

		if (r->status != TG_FAILED)
			continue;
		fprintf(out, "\n--- %s failed: %s\n", run->set->units[i].name,
			r->reason ? r->reason : "failed");
		tg_tail_lines(&tail, r, lines);
		for (p = tail.ptr; tail.len && *p; p = nl + 1) {
			nl = strchr(p, '\n');
			fprintf(out, "  | %.*s\n",
				(int)(nl ? (size_t)(nl - p) : strlen(p)), p);
			if (!nl)
				break;
		}
		if (r->log_path)
			fprintf(out, "    full log: %s\n", r->log_path);
		buf_release(&tail);
	}
}

/* What the verdict line counts. */
struct verdict_counts {
	size_t comps, changed, applied, failed, skipped, blocked;
	long add, change, destroy, import, move;
};

static void count_run(struct verdict_counts *c, const struct tg_run *run)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->comps = run->set->nr;
	for (i = 0; i < run->set->nr; i++) {
		const struct tg_result *r = &run->res[i];

		c->changed += r->status == TG_CHANGES;
		c->applied += r->status == TG_APPLIED;
		c->failed += r->status == TG_FAILED;
		c->skipped += r->status == TG_SKIPPED;
		c->blocked += r->status == TG_BLOCKED;
		c->add += r->sum.add;
		c->change += r->sum.change;
		c->destroy += r->sum.destroy;
		c->import += r->sum.import;
		c->move += r->sum.move;
	}
}

static void plan_verdict(FILE *out, const struct tg_run *run,
			 const struct verdict_counts *c)
{
	if (!c->changed && !c->blocked) {
		fprintf(out, "verdict: NO CHANGES: %zu component%s up to date\n",
			c->comps, c->comps == 1 ? "" : "s");
		return;
	}
	fprintf(out, "verdict: CHANGES: %zu of %zu component%s (%ld to add, %ld to change, %ld to destroy",
		c->changed, c->comps, c->comps == 1 ? "" : "s", c->add,
		c->change, c->destroy);
	if (c->import)
		fprintf(out, ", %ld to import", c->import);
	if (c->move)
		fprintf(out, ", %ld to move", c->move);
	fputc(')', out);
	if (c->blocked)
		fprintf(out, "; %zu blocked until %s dependencies are applied (mds-infra apply %s --waves)",
			c->blocked, c->blocked == 1 ? "its" : "their",
			run->set->env);
	fputc('\n', out);
}

void runview_verdict(FILE *out, const struct tg_run *run, size_t violations,
		     int interrupted)
{
	struct verdict_counts c;

	count_run(&c, run);
	if (c.failed || c.skipped || violations || interrupted) {
		fprintf(out, "verdict: FAILED: %zu failed, %zu skipped", c.failed,
			c.skipped);
		if (violations)
			fprintf(out, ", %zu plan policy violation%s", violations,
				violations == 1 ? "" : "s");
		if (interrupted)
			fputs(", interrupted", out);
		if (run->mode == TG_APPLY)
			fprintf(out, "; %zu applied", c.applied);
		fputc('\n', out);
	} else if (run->mode == TG_APPLY) {
		fprintf(out, "verdict: APPLIED: %zu component%s (%ld added, %ld changed, %ld destroyed, %ld imported)\n",
			c.applied, c.applied == 1 ? "" : "s", c.add, c.change,
			c.destroy, c.import);
	} else {
		plan_verdict(out, run, &c);
	}
}
