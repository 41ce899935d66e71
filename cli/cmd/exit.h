#ifndef CMD_EXIT_H
#define CMD_EXIT_H

/*
 * Exit codes, the same for every command (DESIGN.md "Command line"; the
 * README and the man page list them too).
 */
#define EXIT_OK		0	/* success, PASS or WARN */
#define EXIT_NEGATIVE	1	/* checked and failed or refused: gate FAIL, drift, build not SUCCESS */
#define EXIT_USAGE	2	/* usage error or invalid input file */
#define EXIT_ENV	3	/* environment: tool missing, network or server error */
#define EXIT_CHANGES	4	/* plan --detailed-exitcode: changes present */
#define EXIT_BUG	70	/* internal error (EX_SOFTWARE) */
#define EXIT_INTERRUPTED 130	/* stopped by Ctrl-C (128 + SIGINT) */

#endif
