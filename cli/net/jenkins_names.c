/*
 * Job names as people give them: a pasted job or build URL instead of a
 * path, and a mistyped name that deserves a "did you mean" from the
 * folder's own job list (JENKINS_API.md §2).
 */
#include "net/jenkins.h"
#include "net/jenkins_priv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/suggest.h"
#include "util/xalloc.h"

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One URL segment decoded once: "feature%252Fx" -> the item "feature%2Fx". */
static void decode_segment(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < len &&
		    (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			buf_addch(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_addch(out, s[i]);
		}
	}
}

static int is_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
}

int jenkins_job_from_text(char **job, long *number, const char *text,
			  struct err *err)
{
	struct buf path = BUF_INIT;
	const char *p;

	*number = -1;
	if (!is_url(text)) {
		*job = xstrdup(text);
		return 0;
	}
	/* Scheme and host are not compared: the public and the internal
	 * name of one Jenkins often differ.  The path from "/job/" on is. */
	p = strstr(strchr(text, ':') + 3, "/job/");
	if (!p)
		return err_set(err, ERR_INPUT, "'%s' is no job URL (no /job/ in it)",
			       text);
	while (!strncmp(p, "/job/", 5)) {
		size_t len;

		p += 5;
		len = strcspn(p, "/?#");
		if (!len)
			break;
		if (path.len)
			buf_addch(&path, '/');
		decode_segment(&path, p, len);
		p += len;
	}
	if (*p == '/' && isdigit((unsigned char)p[1])) {
		char *end;
		long n = strtol(p + 1, &end, 10);

		if (n > 0 && (!*end || *end == '/' || *end == '?' || *end == '#'))
			*number = n;
	}
	if (!path.len) {
		buf_release(&path);
		return err_set(err, ERR_INPUT, "'%s' names no job", text);
	}
	*job = buf_detach(&path, NULL);
	return 0;
}

/* The names of the items directly in the folder at `url` (base or a job URL). */
static int folder_names(char ***names, size_t *nr, struct jenkins *j,
			const char *url, struct err *err)
{
	char *api = xasprintf("%s/api/json?tree=jobs[name]", url);
	json_t *doc = NULL, *jobs, *it;
	size_t i, alloc = 0;
	int ret = jenkins_get_json(&doc, j, api, "folder", err);

	*names = NULL;
	*nr = 0;
	jobs = ret ? NULL : json_object_get(doc, "jobs");
	json_array_foreach(jobs, i, it) {
		char *name = jenkins_json_strdup(it, "name");

		if (!name)
			continue;
		ALLOC_GROW(*names, *nr, alloc);
		(*names)[(*nr)++] = name;
	}
	json_decref(doc);
	free(api);
	return ret;
}

static void names_free(char **names, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

/* 1 when `seg` is among `names`; else *hint gets the closest, or NULL. */
static int names_have(char **names, size_t nr, const char *seg,
		      const char **hint)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], seg))
			return 1;
	*hint = suggest_closest(seg, (const char *const *)names, nr);
	return 0;
}

/* The URL of the folder holding the items of `prefix` ("" is the root). */
static int folder_url(struct buf *url, const struct jenkins *j,
		      const struct buf *prefix, struct err *err)
{
	buf_reset(url);
	if (prefix->len)
		return jenkins_job_url(url, j->base, prefix->ptr, err);
	buf_addstr(url, j->base);
	return 0;
}

int jenkins_job_suggest(char **out, struct jenkins *j, const char *job,
			struct err *err)
{
	struct buf prefix = BUF_INIT, url = BUF_INIT;
	const char *p = job;
	int ret = 0, found = 1;

	*out = NULL;
	/* Walk down from the root; the first missing segment gets the hint. */
	while (*p && !ret && found) {
		size_t len = strcspn(p, "/"), nr = 0;
		char **names = NULL, *seg = xstrndup(p, len);
		const char *hint = NULL;

		ret = folder_url(&url, j, &prefix, err);
		if (!ret)
			ret = folder_names(&names, &nr, j, url.ptr, err);
		found = !ret && names_have(names, nr, seg, &hint);
		if (!ret && !found && hint)
			*out = xasprintf("%s%s%s%s", prefix.len ? prefix.ptr : "",
					 prefix.len ? "/" : "", hint, p + len);
		if (prefix.len)
			buf_addch(&prefix, '/');
		buf_add(&prefix, p, len);
		p += len;
		p += *p == '/';
		names_free(names, nr);
		free(seg);
	}
	buf_release(&prefix);
	buf_release(&url);
	return ret;
}
