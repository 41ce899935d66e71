#ifndef UTIL_MSG_H
#define UTIL_MSG_H

/*
 * Messages to stderr, for the face layer (cli/main.c and cli/cmd/) only;
 * library code returns errors as values and never prints.
 *
 * Each adds "mds-infra: <level>: " and the newline; callers never pass '\n'.
 * Messages are lower case, name what failed first and quote the subject:
 *	msg_error("cannot read '%s': %s", path, strerror(errno));
 */
#include <stdio.h>

enum msg_level { MSG_QUIET = -1, MSG_NORMAL = 0, MSG_VERBOSE = 1 };

/* Set once by main from -q / -v / --color / NO_COLOR. */
void msg_setup(int level, int color_stderr);

void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Informational; suppressed by -q. */
void msg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Colour for a stream: "auto" means the stream is a terminal and NO_COLOR is
 * unset.  `mode` is 0 never, 1 always, -1 auto.
 */
int msg_want_color(FILE *stream, int mode);

#endif
