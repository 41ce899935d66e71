#include "tfplan/planjson.h"

#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json/jstream.h"
#include "util/buf.h"
#include "util/xalloc.h"

enum encoding { ENC_UNKNOWN, ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

/*
 * What each open container is, as the tag of its jstream frame: only the
 * paths below are followed, everything else (prior_state, configuration,
 * planned_values, before/after values without mocks to look for) is
 * skipped by the stream reader.
 */
enum plan_tag {
	T_ROOT = 1,
	T_RCS,		/* resource_changes[] */
	T_RC,		/* resource_changes[i] */
	T_CHANGE,	/* resource_changes[i].change */
	T_ACTIONS,	/* .change.actions[] */
	T_AFTER,	/* .change.after, at any depth (mock markers) */
	T_DRIFTS,	/* resource_drift[] */
	T_DRIFT,	/* resource_drift[i] */
	T_OUTS,		/* output_changes{} */
	T_OUT,		/* output_changes.NAME */
	T_OUT_ACTIONS,	/* output_changes.NAME.actions[] */
};

struct plan_reader {
	char *name;
	char **mocks;
	size_t nr_mocks;
	struct jstream js;
	enum encoding enc;
	unsigned char carry[4];	/* undecoded bytes between feeds */
	size_t nr_carry;
	unsigned pending_hi;	/* a UTF-16 high surrogate waiting for its pair */
	size_t fed;		/* bytes given to the JSON reader */
	/* the resource_changes[] entry being read */
	struct plan_resource rc;
	char actions[64];
	char out_actions[64];
	struct plan_summary sum;
};

static void add_action(char *list, size_t size, const char *s, size_t len)
{
	size_t have = strlen(list);

	if (have + len + 2 >= size)
		return;
	if (have)
		list[have++] = ',';
	memcpy(list + have, s, len);
	list[have + len] = '\0';
}

static enum plan_action classify(const char *a)
{
	static const struct { const char *s; enum plan_action a; } map[] = {
		{ "no-op", PLAN_NOOP }, { "create", PLAN_CREATE },
		{ "read", PLAN_READ }, { "update", PLAN_UPDATE },
		{ "delete", PLAN_DELETE },
		{ "delete,create", PLAN_DELETE_CREATE },
		{ "create,delete", PLAN_CREATE_DELETE },
		{ "forget", PLAN_FORGET },
		{ "create,forget", PLAN_CREATE_FORGET },
		{ "forget,create", PLAN_CREATE_FORGET },	/* OpenTofu's order */
		{ "", PLAN_NOOP },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(a, map[i].s))
			return map[i].a;
	return PLAN_UNKNOWN;
}

static void count_rc(struct plan_summary *s, const struct plan_resource *rc)
{
	if (rc->importing)
		s->import++;
	switch (rc->action) {
	case PLAN_CREATE:
		s->add++;
		break;
	case PLAN_UPDATE:
		s->change++;
		break;
	case PLAN_DELETE:
		if (rc->managed)
			s->destroy++;
		break;
	case PLAN_DELETE_CREATE:
	case PLAN_CREATE_DELETE:
		s->add++;
		s->destroy++;
		break;
	case PLAN_CREATE_FORGET:
		s->add++;
		s->forget++;
		break;
	case PLAN_FORGET:
		s->forget++;
		break;
	case PLAN_READ:
		s->read++;
		break;
	case PLAN_NOOP:
	case PLAN_UNKNOWN:
		break;
	}
}

static void end_rc(struct plan_reader *r)
{
	struct plan_summary *s = &r->sum;

	r->rc.action = classify(r->actions);
	r->rc.moved = r->rc.previous_address && r->rc.address &&
		      strcmp(r->rc.previous_address, r->rc.address);
	count_rc(s, &r->rc);
	s->nr_changes++;
	s->move += r->rc.moved;
	if (r->rc.mock)
		s->uses_mocks = 1;
	if (r->rc.action == PLAN_NOOP && !r->rc.importing && !r->rc.mock &&
	    !r->rc.moved) {
		free(r->rc.address);
		free(r->rc.previous_address);
	} else {
		s->changes_present |= r->rc.action != PLAN_NOOP ||
				      r->rc.importing || r->rc.moved;
		ALLOC_GROW(s->res, s->nr_res, s->alloc_res);
		s->res[s->nr_res++] = r->rc;
	}
	memset(&r->rc, 0, sizeof(r->rc));
}

static void end_output(struct plan_reader *r)
{
	if (classify(r->out_actions) != PLAN_NOOP) {
		r->sum.outputs_changed = 1;
		r->sum.changes_present = 1;
	}
}

/* The top-level containers the reader follows; the rest is skipped. */
static int root_child_tag(const char *key, int is_array)
{
	if (is_array && !strcmp(key, "resource_changes"))
		return T_RCS;
	if (is_array && !strcmp(key, "resource_drift"))
		return T_DRIFTS;
	if (!is_array && !strcmp(key, "output_changes"))
		return T_OUTS;
	return JS_SKIP;
}

/* Inside a resource change's "change": its actions, and "after" for the
 * mock-value check. */
static int change_child_tag(struct plan_reader *r, const char *key,
			    int is_array)
{
	if (is_array && !strcmp(key, "actions"))
		return T_ACTIONS;
	if (!is_array && !strcmp(key, "importing"))
		r->rc.importing = 1;	/* null when not importing */
	else if (!strcmp(key, "after") && r->nr_mocks)
		return T_AFTER;
	return JS_SKIP;
}

/* The tag of a container opening under `parent` (tag) at `key`. */
static int child_tag(struct plan_reader *r, int parent, const char *key,
		     int is_array)
{
	switch (parent) {
	case T_ROOT:
		return root_child_tag(key, is_array);
	case T_RCS:
		if (is_array)
			break;
		memset(&r->rc, 0, sizeof(r->rc));
		r->actions[0] = '\0';
		return T_RC;
	case T_RC:
		if (!is_array && !strcmp(key, "change"))
			return T_CHANGE;
		break;
	case T_CHANGE:
		return change_child_tag(r, key, is_array);
	case T_AFTER:
		return T_AFTER;
	case T_DRIFTS:
		return is_array ? JS_SKIP : T_DRIFT;
	case T_OUTS:
		if (is_array)
			break;
		r->out_actions[0] = '\0';
		return T_OUT;
	case T_OUT:
		if (is_array && !strcmp(key, "actions"))
			return T_OUT_ACTIONS;
		break;
	}
	return JS_SKIP;
}

static int on_open(void *ctx, struct jstream *js, int depth)
{
	struct plan_reader *r = ctx;
	struct js_frame *f = &js->frames[depth];

	if (depth == 0)
		f->tag = f->is_array ? JS_SKIP : T_ROOT;
	else
		f->tag = child_tag(r, js->frames[depth - 1].tag,
				   js_parent_key(js, depth), f->is_array);
	return 0;
}

static int on_close(void *ctx, struct jstream *js, int depth)
{
	struct plan_reader *r = ctx;

	switch (js->frames[depth].tag) {
	case T_RC:
		end_rc(r);
		break;
	case T_OUT:
		end_output(r);
		break;
	case T_DRIFT:
		r->sum.drift++;
		break;
	}
	return 0;
}

static int has_mock(const struct plan_reader *r, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < r->nr_mocks; i++)
		if (memmem(s, len, r->mocks[i], strlen(r->mocks[i])))
			return 1;
	return 0;
}

static void set_str(char **dst, const char *s, size_t len)
{
	free(*dst);
	*dst = xstrndup(s, len);
}

/* A top-level scalar: the version strings and `errored`. */
static void root_scalar(struct plan_reader *r, const char *key,
			enum js_type type, const char *s, size_t len)
{
	if (type == JS_STRING && !strcmp(key, "format_version"))
		set_str(&r->sum.format_version, s, len);
	else if (type == JS_STRING && !strcmp(key, "terraform_version"))
		set_str(&r->sum.terraform_version, s, len);
	else if (type == JS_BOOL && !strcmp(key, "errored"))
		r->sum.errored = len == 4;
}

static void rc_scalar(struct plan_reader *r, const char *key, const char *s,
		      size_t len)
{
	if (!strcmp(key, "address"))
		set_str(&r->rc.address, s, len);
	else if (!strcmp(key, "previous_address"))
		set_str(&r->rc.previous_address, s, len);
	else if (!strcmp(key, "mode"))
		r->rc.managed = len == 7 && !memcmp(s, "managed", 7);
}

static int on_scalar(void *ctx, struct jstream *js, int depth,
		     enum js_type type, const char *s, size_t len)
{
	struct plan_reader *r = ctx;
	const struct js_frame *parent = depth ? &js->frames[depth - 1] : NULL;
	int in_after;

	if (!parent)
		return 0;
	if (parent->tag == T_ROOT) {
		root_scalar(r, parent->key.ptr, type, s, len);
		return 0;
	}
	if (type != JS_STRING)
		return 0;
	in_after = parent->tag == T_AFTER ||
		   (parent->tag == T_CHANGE && !strcmp(parent->key.ptr, "after"));
	if (parent->tag == T_RC)
		rc_scalar(r, parent->key.ptr, s, len);
	else if (parent->tag == T_ACTIONS)
		add_action(r->actions, sizeof(r->actions), s, len);
	else if (parent->tag == T_OUT_ACTIONS)
		add_action(r->out_actions, sizeof(r->out_actions), s, len);
	else if (in_after && r->nr_mocks && !r->rc.mock)
		r->rc.mock = has_mock(r, s, len);
	return 0;
}

/* Keys of the document: which top-level ones make it a plan. */
static int on_key(void *ctx, struct jstream *js, int depth, const char *k,
		  size_t len)
{
	struct plan_reader *r = ctx;

	if (depth == 1)
		r->sum.is_plan |= (len == 16 && !memcmp(k, "resource_changes", 16)) ||
				  (len == 14 && !memcmp(k, "planned_values", 14)) ||
				  (len == 14 && !memcmp(k, "output_changes", 14));
	return 0;
}

static const struct js_handler handler = {
	on_open, on_close, on_scalar, on_key
};

struct plan_reader *tfplan_reader_new(const char *name,
				    const char *const *mocks, size_t nr_mocks)
{
	struct plan_reader *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->name = xstrdup(name);
	r->mocks = xcalloc(nr_mocks + 1, sizeof(char *));
	for (i = 0; i < nr_mocks; i++)
		if (strlen(mocks[i]) >= 4)
			r->mocks[r->nr_mocks++] = xstrdup(mocks[i]);
	jstream_init(&r->js, &handler, r);
	return r;
}

/* Offsets in errors count decoded bytes: say so for UTF-16 input. */
static int json_error(struct plan_reader *r, struct err *err)
{
	if (r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE)
		buf_addstr(&err->msg, " (offsets after UTF-16 decoding)");
	return err->code;
}

static int parse_utf8(struct plan_reader *r, const unsigned char *p,
		      size_t len, struct err *err)
{
	if (!len)
		return 0;
	if (jstream_feed(&r->js, (const char *)p, len, r->name, err) < 0)
		return json_error(r, err);
	r->fed += len;
	return 0;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

/* Decodes whole UTF-16 units of p[0..len) into b; returns units consumed. */
static int decode_utf16(struct plan_reader *r, struct buf *b,
			const unsigned char *p, size_t len, size_t *used,
			struct err *err)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		unsigned u = r->enc == ENC_UTF16LE ? (unsigned)(p[i] | p[i + 1] << 8) :
			     (unsigned)(p[i] << 8 | p[i + 1]);

		if (r->pending_hi) {
			if (u < 0xdc00 || u > 0xdfff)
				return err_set(err, ERR_INPUT,
					       "%s: invalid UTF-16 (unpaired surrogate)",
					       r->name);
			put_utf8(b, 0x10000 + ((r->pending_hi - 0xd800) << 10) +
				 (u - 0xdc00));
			r->pending_hi = 0;
		} else if (u >= 0xd800 && u <= 0xdbff) {
			r->pending_hi = u;
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			return err_set(err, ERR_INPUT,
				       "%s: invalid UTF-16 (unpaired surrogate)",
				       r->name);
		} else {
			put_utf8(b, u);
		}
	}
	*used = i;
	return 0;
}

/* Looks at the first bytes: BOMs, or NUL bytes that betray UTF-16. */
static size_t sniff(struct plan_reader *r, const unsigned char *p, size_t len)
{
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		r->enc = ENC_UTF8;
		return 3;
	}
	if (p[0] == 0xff && p[1] == 0xfe) {
		r->enc = ENC_UTF16LE;
		return 2;
	}
	if (p[0] == 0xfe && p[1] == 0xff) {
		r->enc = ENC_UTF16BE;
		return 2;
	}
	r->enc = p[1] == 0 && p[0] ? ENC_UTF16LE :
		 p[0] == 0 && p[1] ? ENC_UTF16BE : ENC_UTF8;
	return 0;
}

static int feed_bytes(struct plan_reader *r, const unsigned char *p,
		      size_t len, struct err *err)
{
	struct buf u8 = BUF_INIT;
	size_t used = 0;
	int ret = 0;

	if (r->enc == ENC_UTF8)
		return parse_utf8(r, p, len, err);
	if (r->nr_carry && len) {	/* the odd byte of the last chunk */
		unsigned char unit[2] = { r->carry[0], p[0] };

		r->nr_carry = 0;
		ret = decode_utf16(r, &u8, unit, 2, &used, err);
		p++;
		len--;
	}
	if (!ret)
		ret = decode_utf16(r, &u8, p, len, &used, err);
	if (!ret)
		ret = parse_utf8(r, (const unsigned char *)u8.ptr, u8.len, err);
	buf_release(&u8);
	if (!ret && used < len) {
		r->carry[0] = p[used];
		r->nr_carry = 1;
	}
	return ret;
}

int tfplan_reader_feed(struct plan_reader *r, const void *data, size_t len,
		     struct err *err)
{
	const unsigned char *p = data;
	unsigned char head[4];
	size_t skip;

	if (r->enc == ENC_UNKNOWN) {
		/* gather 3 bytes to recognise BOMs and UTF-16 */
		while (r->nr_carry < 3 && len) {
			r->carry[r->nr_carry++] = *p++;
			len--;
		}
		if (r->nr_carry < 3)
			return 0;
		memcpy(head, r->carry, 3);
		r->nr_carry = 0;
		skip = sniff(r, head, 3);
		if (feed_bytes(r, head + skip, 3 - skip, err) < 0)
			return err->code;
	}
	return feed_bytes(r, p, len, err);
}

static int check_version(struct plan_reader *r, struct err *err)
{
	const char *v = r->sum.format_version;

	if (!v)
		return err_set(err, ERR_INPUT,
			       "%s: no format_version: not the output of 'terraform show -json'",
			       r->name);
	if ((v[0] != '0' && v[0] != '1') || v[1] != '.')
		return err_set(err, ERR_INPUT,
			       "%s: unsupported plan format_version '%s' (expected 0.x or 1.x)",
			       r->name, v);
	return 0;
}

int tfplan_reader_finish(struct plan_summary *out, struct plan_reader *r,
		       struct err *err)
{
	unsigned char head[4];
	size_t n = r->nr_carry, skip;

	if (r->enc == ENC_UNKNOWN && !n)
		return err_set(err, ERR_INPUT, "%s: empty input", r->name);
	if (r->enc == ENC_UNKNOWN) {	/* fewer than 3 bytes in all */
		memcpy(head, r->carry, n);
		r->nr_carry = 0;
		skip = n >= 2 ? sniff(r, head, n) : (r->enc = ENC_UTF8, 0);
		if (feed_bytes(r, head + skip, n - skip, err) < 0)
			return err->code;
	}
	if (r->nr_carry || r->pending_hi)
		return err_set(err, ERR_INPUT, "%s: truncated UTF-16 input",
			       r->name);
	if (jstream_finish(&r->js, r->name, err) < 0)
		return json_error(r, err);
	if (!r->fed)
		return err_set(err, ERR_INPUT, "%s: empty input", r->name);
	if (check_version(r, err) < 0)
		return err->code;
	r->sum.refresh_only = r->sum.drift && !r->sum.nr_changes;
	r->sum.changes_present |= r->sum.refresh_only;
	*out = r->sum;
	memset(&r->sum, 0, sizeof(r->sum));
	return 0;
}

void tfplan_summary_release(struct plan_summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nr_res; i++) {
		free(s->res[i].address);
		free(s->res[i].previous_address);
	}
	free(s->res);
	free(s->format_version);
	free(s->terraform_version);
	memset(s, 0, sizeof(*s));
}

void tfplan_reader_free(struct plan_reader *r)
{
	size_t i;

	if (!r)
		return;
	jstream_release(&r->js);
	free(r->rc.address);
	free(r->rc.previous_address);
	tfplan_summary_release(&r->sum);
	free(r->name);
	for (i = 0; i < r->nr_mocks; i++)
		free(r->mocks[i]);
	free(r->mocks);
	free(r);
}

int tfplan_read_file(struct plan_summary *out, const char *path,
		   const char *const *mocks, size_t nr_mocks, struct err *err)
{
	struct plan_reader *r;
	unsigned char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open '%s': %s", path, strerror(errno));
	r = tfplan_reader_new(path, mocks, nr_mocks);
	while (!ret && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ret = err_set(err, ERR_IO, "cannot read '%s': %s",
				      path, strerror(errno));
		else
			ret = tfplan_reader_feed(r, chunk, (size_t)n, err);
	}
	close(fd);
	if (!ret)
		ret = tfplan_reader_finish(out, r, err);
	tfplan_reader_free(r);
	return ret;
}

int tfplan_action_destroys(enum plan_action a)
{
	return a == PLAN_DELETE || a == PLAN_DELETE_CREATE ||
	       a == PLAN_CREATE_DELETE;
}

const char *tfplan_resource_verb(const struct plan_resource *r)
{
	switch (r->action) {
	case PLAN_CREATE:
		return "create";
	case PLAN_UPDATE:
		return "update";
	case PLAN_DELETE:
		return "destroy";
	case PLAN_DELETE_CREATE:
	case PLAN_CREATE_DELETE:
	case PLAN_CREATE_FORGET:
		return "replace";
	case PLAN_FORGET:
		return "forget";
	case PLAN_READ:
		return "read";
	case PLAN_UNKNOWN:
		return "unknown";
	case PLAN_NOOP:
		break;
	}
	return r->moved ? "move" : r->importing ? "import" : "no-op";
}

int tfplan_resource_listed(const struct plan_resource *r)
{
	if (r->action == PLAN_DELETE && !r->managed)
		return 0;	/* a data source leaving: Terraform shows nothing */
	return r->action != PLAN_NOOP || r->moved || r->importing;
}

const char *tfplan_action_list(enum plan_action a)
{
	static const char *const lists[] = {
		"no-op", "create", "read", "update", "delete", "delete,create",
		"create,delete", "forget", "create,forget", "unknown"
	};

	return lists[a];
}
