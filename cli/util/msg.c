#include "util/msg.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

static int level;
static int color;

void msg_setup(int lvl, int color_stderr)
{
	level = lvl;
	color = color_stderr;
}

static void emit(const char *label, const char *ansi, const char *fmt,
		 va_list ap)
{
	fflush(stdout);
	if (color && ansi)
		fprintf(stderr, "mds-infra: \033[%sm%s\033[m: ", ansi, label);
	else
		fprintf(stderr, "mds-infra: %s: ", label);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("error", "1;31", fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("warning", "1;33", fmt, ap);
	va_end(ap);
}

void msg_note(const char *fmt, ...)
{
	va_list ap;

	if (level < MSG_NORMAL)
		return;
	va_start(ap, fmt);
	emit("note", "1;36", fmt, ap);
	va_end(ap);
}

int msg_want_color(FILE *stream, int mode)
{
	const char *nc;

	if (mode >= 0)
		return mode;
	nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(fileno(stream));
}
