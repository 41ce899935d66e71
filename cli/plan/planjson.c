#include "plan/planjson.h"

#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

#include "gate/jtokens.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define KEEP_DEPTH 8	/* keys are remembered this deep; deeper only counted */
#define KEY_MAX 64

enum encoding { ENC_UNKNOWN, ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE };

struct plan_reader {
	char *name;
	char **mocks;
	size_t nr_mocks;
	yajl_handle h;
	enum encoding enc;
	unsigned char carry[4];	/* undecoded bytes between feeds */
	size_t nr_carry;
	unsigned pending_hi;	/* a UTF-16 high surrogate waiting for its pair */
	size_t fed;		/* bytes given to yajl before this chunk */
	struct js_tokens tokens;	/* a token is given to yajl whole */
	size_t depth;
	char key[KEEP_DEPTH + 1][KEY_MAX];
	char is_arr[KEEP_DEPTH + 1];
	int seen_version;
	/* the resource_changes[] entry being read */
	int in_rc;
	struct plan_resource rc;
	char actions[64];
	int in_out;		/* an output_changes{} entry */
	char out_actions[64];
	struct plan_summary sum;
};

static const char *key_at(const struct plan_reader *r, size_t d)
{
	return d <= KEEP_DEPTH && d <= r->depth ? r->key[d] : "";
}

static int key_is(const struct plan_reader *r, size_t d, const char *k)
{
	return d <= KEEP_DEPTH && d <= r->depth && !r->is_arr[d] &&
	       !strcmp(r->key[d], k);
}

/* Inside resource_changes[i]: depth >= 3 under root key resource_changes. */
static int in_rc_field(const struct plan_reader *r, const char *field)
{
	return r->in_rc && r->depth == 3 && key_is(r, 3, field);
}

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
	count_rc(s, &r->rc);
	if (r->rc.mock)
		s->uses_mocks = 1;
	if (r->rc.action == PLAN_NOOP && !r->rc.importing && !r->rc.mock) {
		free(r->rc.address);
		free(r->rc.previous_address);
	} else {
		s->changes_present |= r->rc.action != PLAN_NOOP || r->rc.importing;
		ALLOC_GROW(s->res, s->nr_res, s->alloc_res);
		s->res[s->nr_res++] = r->rc;
	}
	memset(&r->rc, 0, sizeof(r->rc));
	r->in_rc = 0;
}

static void end_output(struct plan_reader *r)
{
	if (classify(r->out_actions) != PLAN_NOOP) {
		r->sum.outputs_changed = 1;
		r->sum.changes_present = 1;
	}
	r->in_out = 0;
}

static int open_container(struct plan_reader *r, int is_arr)
{
	r->depth++;
	if (r->depth <= KEEP_DEPTH) {
		r->is_arr[r->depth] = (char)is_arr;
		r->key[r->depth][0] = '\0';
	}
	if (r->depth == 3 && !is_arr && key_is(r, 1, "resource_changes") &&
	    r->is_arr[2]) {
		memset(&r->rc, 0, sizeof(r->rc));
		r->actions[0] = '\0';
		r->in_rc = 1;
	}
	if (r->in_rc && r->depth == 5 && key_is(r, 3, "change") &&
	    key_is(r, 4, "importing"))
		r->rc.importing = 1;
	if (r->depth == 3 && !is_arr && key_is(r, 1, "output_changes")) {
		r->out_actions[0] = '\0';
		r->in_out = 1;
	}
	return 1;
}

static int close_container(struct plan_reader *r)
{
	if (r->depth == 3 && r->in_rc)
		end_rc(r);
	if (r->depth == 3 && r->in_out)
		end_output(r);
	r->depth--;
	return 1;
}

static int cb_start_map(void *ctx)
{
	return open_container(ctx, 0);
}

static int cb_start_array(void *ctx)
{
	return open_container(ctx, 1);
}

static int cb_end(void *ctx)
{
	return close_container(ctx);
}

static int cb_key(void *ctx, const unsigned char *k, size_t len)
{
	struct plan_reader *r = ctx;

	if (r->depth == 1)
		r->sum.is_plan |= (len == 16 && !memcmp(k, "resource_changes", 16)) ||
				  (len == 14 && !memcmp(k, "planned_values", 14)) ||
				  (len == 14 && !memcmp(k, "output_changes", 14));
	if (r->depth <= KEEP_DEPTH) {
		size_t n = len < KEY_MAX - 1 ? len : KEY_MAX - 1;

		memcpy(r->key[r->depth], k, n);
		r->key[r->depth][n] = '\0';
	}
	return 1;
}

/* A string inside resource_changes[i].change.after, at any depth. */
static int in_after(const struct plan_reader *r)
{
	return r->in_rc && r->depth >= 4 && key_is(r, 3, "change") &&
	       key_is(r, 4, "after");
}

static int has_mock(const struct plan_reader *r, const unsigned char *s,
		    size_t len)
{
	size_t i;

	for (i = 0; i < r->nr_mocks; i++)
		if (memmem(s, len, r->mocks[i], strlen(r->mocks[i])))
			return 1;
	return 0;
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct plan_reader *r = ctx;

	if (r->depth == 1 && key_is(r, 1, "format_version")) {
		free(r->sum.format_version);
		r->sum.format_version = xstrndup((const char *)s, len);
	} else if (r->depth == 1 && key_is(r, 1, "terraform_version")) {
		free(r->sum.terraform_version);
		r->sum.terraform_version = xstrndup((const char *)s, len);
	} else if (in_rc_field(r, "address")) {
		free(r->rc.address);
		r->rc.address = xstrndup((const char *)s, len);
	} else if (in_rc_field(r, "previous_address")) {
		free(r->rc.previous_address);
		r->rc.previous_address = xstrndup((const char *)s, len);
	} else if (in_rc_field(r, "mode")) {
		r->rc.managed = len == 7 && !memcmp(s, "managed", 7);
	} else if (r->in_rc && r->depth == 5 && key_is(r, 3, "change") &&
		   !strcmp(key_at(r, 4), "actions") && r->is_arr[5]) {
		add_action(r->actions, sizeof(r->actions), (const char *)s, len);
	} else if (r->in_out && r->depth == 4 && key_is(r, 3, "actions")) {
		add_action(r->out_actions, sizeof(r->out_actions),
			   (const char *)s, len);
	}
	if (r->nr_mocks && in_after(r) && !r->rc.mock)
		r->rc.mock = has_mock(r, s, len);
	return 1;
}

static int cb_bool(void *ctx, int v)
{
	struct plan_reader *r = ctx;

	if (r->depth == 1 && key_is(r, 1, "errored"))
		r->sum.errored = v;
	return 1;
}

static int cb_other(void *ctx)
{
	return 1;
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_other,
	.yajl_boolean = cb_bool,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_key,
	.yajl_end_map = cb_end,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end,
};

struct plan_reader *plan_reader_new(const char *name,
				    const char *const *mocks, size_t nr_mocks)
{
	struct plan_reader *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->name = xstrdup(name);
	r->mocks = xcalloc(nr_mocks + 1, sizeof(char *));
	for (i = 0; i < nr_mocks; i++)
		if (strlen(mocks[i]) >= 4)
			r->mocks[r->nr_mocks++] = xstrdup(mocks[i]);
	js_tokens_init(&r->tokens);
	r->h = yajl_alloc(&callbacks, NULL, r);
	if (!r->h)
		xdie("out of memory");
	return r;
}

static int yajl_fail(struct plan_reader *r, const unsigned char *chunk,
		     size_t len, struct err *err)
{
	unsigned char *msg = yajl_get_error(r->h, 0, chunk, len);
	size_t at = r->fed + yajl_get_bytes_consumed(r->h);
	struct buf m = BUF_INIT;

	buf_addstr(&m, (const char *)msg);
	buf_rtrim(&m);
	yajl_free_error(r->h, msg);
	err_set(err, ERR_INPUT, "%s: invalid JSON at byte %zu%s: %s", r->name,
		at, r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE ?
		" (after UTF-16 decoding)" : "",
		m.ptr);
	buf_release(&m);
	return err->code;
}

static int give_yajl(void *ctx, const char *p, size_t len, struct err *err)
{
	struct plan_reader *r = ctx;
	const unsigned char *u = (const unsigned char *)p;

	if (yajl_parse(r->h, u, len) != yajl_status_ok)
		return yajl_fail(r, u, len, err);
	r->fed += len;
	return 0;
}

/* Through js_tokens: linear time on long tokens, capped (jtokens.h). */
static int parse_utf8(struct plan_reader *r, const unsigned char *p,
		      size_t len, struct err *err)
{
	if (!len)
		return 0;
	return js_tokens_feed(&r->tokens, (const char *)p, len, give_yajl, r,
			      r->name, err);
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

int plan_reader_feed(struct plan_reader *r, const void *data, size_t len,
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

int plan_reader_finish(struct plan_summary *out, struct plan_reader *r,
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
	if (js_tokens_flush(&r->tokens, give_yajl, r, err) < 0)
		return err->code;
	if (yajl_complete_parse(r->h) != yajl_status_ok)
		return yajl_fail(r, NULL, 0, err);
	if (!r->fed)
		return err_set(err, ERR_INPUT, "%s: empty input", r->name);
	if (check_version(r, err) < 0)
		return err->code;
	*out = r->sum;
	memset(&r->sum, 0, sizeof(r->sum));
	return 0;
}

void plan_summary_release(struct plan_summary *s)
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

void plan_reader_free(struct plan_reader *r)
{
	size_t i;

	if (!r)
		return;
	yajl_free(r->h);
	js_tokens_release(&r->tokens);
	free(r->rc.address);
	free(r->rc.previous_address);
	plan_summary_release(&r->sum);
	free(r->name);
	for (i = 0; i < r->nr_mocks; i++)
		free(r->mocks[i]);
	free(r->mocks);
	free(r);
}

int plan_read_file(struct plan_summary *out, const char *path,
		   const char *const *mocks, size_t nr_mocks, struct err *err)
{
	struct plan_reader *r;
	unsigned char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return err_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
			       "cannot open '%s': %s", path, strerror(errno));
	r = plan_reader_new(path, mocks, nr_mocks);
	while (!ret && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ret = err_set(err, ERR_IO, "cannot read '%s': %s",
				      path, strerror(errno));
		else
			ret = plan_reader_feed(r, chunk, (size_t)n, err);
	}
	close(fd);
	if (!ret)
		ret = plan_reader_finish(out, r, err);
	plan_reader_free(r);
	return ret;
}

int plan_action_destroys(enum plan_action a)
{
	return a == PLAN_DELETE || a == PLAN_DELETE_CREATE ||
	       a == PLAN_CREATE_DELETE;
}
