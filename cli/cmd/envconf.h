#ifndef CMD_ENVCONF_H
#define CMD_ENVCONF_H

/*
 * Settings that come from the environment, read here in cmd/ and handed to
 * the engines as options: library code never calls getenv, so what a
 * command depends on is visible where the command is.
 */
#include "net/http.h"
#include "net/jenkins.h"
#include "util/err.h"

/* http_options_defaults(), then MDS_HTTP_TIMEOUT_MS, MDS_HTTP_RETRIES and
 * MDS_HTTP_RETRY_BASE_MS where set (whole numbers >= 0; others ignored),
 * and the retry feedback on stderr (cmd_http_feedback). */
void cmd_http_options(struct http_options *o);

/* JENKINS_URL (required, http:// or https://, trailing slashes dropped),
 * JENKINS_USER_ID, JENKINS_API_TOKEN (which needs the user). */
int cmd_jenkins_conf(struct jenkins_conf *out, struct err *err);

/* MDS_SONAR_POLL_MS: the first wait between two looks at a SonarQube
 * analysis (default 1000; the tests make it short). */
long cmd_sonar_poll_ms(void);

#endif
