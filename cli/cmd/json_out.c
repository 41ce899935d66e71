/*
 * --json output: the schema member and the printing, in one place so that
 * every command's document looks the same.
 */
#include "cmd/json_out.h"

#include <stdio.h>

json_t *json_out_new(const char *schema)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "schema", json_string(schema));
	return doc;
}

void json_out_print(json_t *doc)
{
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(doc);
}

json_t *json_out_str(const char *s)
{
	return s ? json_string(s) : json_null();
}
