#ifndef CMD_ENVNAME_H
#define CMD_ENVNAME_H

/*
 * An environment named on the command line must be one of the stack's:
 * otherwise one error with the closest name ("did you mean") and the
 * full list, the same for render, plan, apply and bundle.
 */
#include "stack/stack.h"

/* 0 when the stack defines `env`; else prints the error, returns EXIT_USAGE. */
int cmd_check_env(const struct stack *st, const char *env);

#endif
