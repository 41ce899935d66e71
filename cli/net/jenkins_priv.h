#ifndef NET_JENKINS_PRIV_H
#define NET_JENKINS_PRIV_H

/* Shared between the net/jenkins*.c files only. */
#include <jansson.h>

#include "net/jenkins.h"

/* GET with redirects followed; any status is returned in `out`. */
int jenkins_get(struct http_response *out, struct jenkins *j, const char *url,
		struct err *err);
/* The same with extra "Name: value" headers (NULL-terminated). */
int jenkins_get_with(struct http_response *out, struct jenkins *j,
		     const char *url, const char *const *headers,
		     struct err *err);
/* GET that must answer 200 with JSON; caller json_decref()s *out. */
int jenkins_get_json(json_t **out, struct jenkins *j, const char *url,
		     const char *what, struct err *err);
/* POST `req` (method set here), fetching a crumb when Jenkins asks. */
int jenkins_post(struct http_response *out, struct jenkins *j,
		 struct http_request *req, struct err *err);


/* Owned copy of a JSON string member, or NULL. */
char *jenkins_json_strdup(const json_t *obj, const char *key);

#endif
