/*
 * Reading our own plan.json back, as a stream (see report.h): the next
 * plan takes its durations as estimates, apply its counts and mock flags.
 */
#include "plan/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json/jstream.h"
#include "util/xalloc.h"

enum { T_ROOT = 1, T_COMPS, T_COMP };

struct readback {
	struct plan_json *pj;
};

static int on_open(void *ctx, struct jstream *js, int depth)
{
	struct readback *rb = ctx;
	struct js_frame *f = &js->frames[depth];
	int parent = depth ? js->frames[depth - 1].tag : 0;

	if (depth == 0 && !f->is_array)
		f->tag = T_ROOT;
	else if (parent == T_ROOT && f->is_array &&
		 !strcmp(js_parent_key(js, depth), "components"))
		f->tag = T_COMPS;
	else if (parent == T_COMPS && !f->is_array) {
		f->tag = T_COMP;
		ALLOC_GROW(rb->pj->comps, rb->pj->nr, rb->pj->alloc);
		memset(&rb->pj->comps[rb->pj->nr++], 0,
		       sizeof(*rb->pj->comps));
	} else
		f->tag = JS_SKIP;
	return 0;
}

static void set_field(struct plan_json_component *c, const char *key,
		      enum js_type type, const char *s, size_t len)
{
	long v = type == JS_NUMBER ? strtol(s, NULL, 10) : 0;

	if (type == JS_STRING && !strcmp(key, "name") && !c->name)
		c->name = xstrndup(s, len);
	else if (type == JS_STRING && !strcmp(key, "status") && !c->status)
		c->status = xstrndup(s, len);
	else if (!strcmp(key, "add"))
		c->add = v;
	else if (!strcmp(key, "change"))
		c->change = v;
	else if (!strcmp(key, "destroy"))
		c->destroy = v;
	else if (!strcmp(key, "import"))
		c->import = v;
	else if (type == JS_NUMBER && !strcmp(key, "duration_s"))
		c->duration_s = strtod(s, NULL);
	else if (type == JS_BOOL && !strcmp(key, "used_mock_outputs"))
		c->used_mocks = len == 4;
}

static int on_scalar(void *ctx, struct jstream *js, int depth,
		     enum js_type type, const char *s, size_t len)
{
	struct readback *rb = ctx;
	char num[64];

	if (!depth || js->frames[depth - 1].tag != T_COMP)
		return 0;
	if (type == JS_NUMBER) {	/* s is not NUL-terminated */
		if (len >= sizeof(num))
			return 0;
		memcpy(num, s, len);
		num[len] = '\0';
		s = num;
	}
	set_field(&rb->pj->comps[rb->pj->nr - 1], js->frames[depth - 1].key.ptr,
		  type, s, len);
	return 0;
}

static const struct js_handler handler = { on_open, NULL, on_scalar, NULL };

int plan_json_read(struct plan_json *out, const char *path, struct err *err)
{
	struct readback rb = { out };
	struct jstream js;
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open '%s': %s", path, strerror(errno));
	jstream_init(&js, &handler, &rb);
	while (!ret && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ret = err_set(err, ERR_IO, "cannot read '%s': %s", path,
				      strerror(errno));
		else
			ret = jstream_feed(&js, chunk, (size_t)n, path, err);
	}
	if (!ret)
		ret = jstream_finish(&js, path, err);
	jstream_release(&js);
	close(fd);
	return ret;
}

const struct plan_json_component *plan_json_find(const struct plan_json *pj,
						 const char *name)
{
	size_t i;

	for (i = 0; i < pj->nr; i++)
		if (pj->comps[i].name && !strcmp(pj->comps[i].name, name))
			return &pj->comps[i];
	return NULL;
}

void plan_json_release(struct plan_json *pj)
{
	size_t i;

	for (i = 0; i < pj->nr; i++) {
		free(pj->comps[i].name);
		free(pj->comps[i].status);
	}
	free(pj->comps);
	memset(pj, 0, sizeof(*pj));
}
