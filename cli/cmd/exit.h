#ifndef CMD_EXIT_H
#define CMD_EXIT_H

/*
 * Exit codes, the same for every command (docs/design.md "Exit codes"; the
 * README and the man page list them too).
 */
#define EXIT_OK		0	/* success, PASS or WARN */
#define EXIT_NEGATIVE	1	/* checked and failed or refused: gate FAIL, drift, build not SUCCESS */
#define EXIT_USAGE	2	/* usage error or invalid input file */
#define EXIT_ENV	3	/* environment: tool missing, network or server error */
#define EXIT_CHANGES	4	/* plan --detailed-exitcode: changes present */
#define EXIT_INTERRUPTED 130	/* stopped by Ctrl-C (128 + SIGINT) */
/*
 * No code for internal errors: a broken invariant or out-of-memory is
 * xdie() (util/xalloc.h), which prints "mds-infra: fatal: ..." and aborts
 * (SIGABRT, 134 in a shell), as git's BUG() does, so that a core or a
 * sanitizer trace shows where.  Expected failures are always 0-3.
 */

#endif
