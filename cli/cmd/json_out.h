#ifndef CMD_JSON_OUT_H
#define CMD_JSON_OUT_H

/*
 * The one convention for machine output: `--json` prints one document on
 * stdout whose "schema" member names its shape, "mds-infra/<name>/v1"
 * (docs/json.md lists them; tests/schemas/ holds each as a JSON Schema).
 * The exit code and the messages on stderr stay what they are without
 * --json.  A version is bumped only when a member changes meaning or goes
 * away; new members may appear in any version.
 */
#include <jansson.h>

#define JSON_OUT_SCHEMA(name) "mds-infra/" name "/v1"

/* A new object holding "schema": JSON_OUT_SCHEMA(name). */
json_t *json_out_new(const char *schema);
/* Prints `doc` on stdout, indented, with a final newline; frees it. */
void json_out_print(json_t *doc);
/* A string member, or null for NULL (json_string(NULL) would fail). */
json_t *json_out_str(const char *s);

#endif
