#include "cmd/envconf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/xalloc.h"

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0)
		return def;
	return n;
}

static char *env_dup(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? xstrdup(v) : NULL;
}

void cmd_http_options(struct http_options *o)
{
	http_options_defaults(o);
	o->timeout_ms = env_long("MDS_HTTP_TIMEOUT_MS", o->timeout_ms);
	if (o->timeout_ms && o->connect_timeout_ms > o->timeout_ms)
		o->connect_timeout_ms = o->timeout_ms;
	o->max_retries = (int)env_long("MDS_HTTP_RETRIES", o->max_retries);
	o->retry_base_ms = env_long("MDS_HTTP_RETRY_BASE_MS", o->retry_base_ms);
	if (o->retry_cap_ms < o->retry_base_ms)
		o->retry_cap_ms = o->retry_base_ms;
	cmd_http_feedback(o);
}

int cmd_jenkins_conf(struct jenkins_conf *out, struct err *err)
{
	size_t len;

	out->url = env_dup("JENKINS_URL");
	if (!out->url)
		return err_set(err, ERR_ENV, "JENKINS_URL is not set "
			       "(e.g. https://ci.example.com/jenkins)");
	if (strncmp(out->url, "http://", 7) && strncmp(out->url, "https://", 8))
		return err_set(err, ERR_ENV, "JENKINS_URL must start with "
			       "http:// or https://");
	len = strlen(out->url);
	while (len && out->url[len - 1] == '/')
		out->url[--len] = '\0';
	out->user = env_dup("JENKINS_USER_ID");
	out->token = env_dup("JENKINS_API_TOKEN");
	if (out->token && !out->user)
		return err_set(err, ERR_ENV, "JENKINS_API_TOKEN is set but "
			       "JENKINS_USER_ID is not");
	return 0;
}

long cmd_sonar_poll_ms(void)
{
	long ms = env_long("MDS_SONAR_POLL_MS", 0);

	return ms > 0 ? ms : 1000;
}
