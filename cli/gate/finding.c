/*
 * The finding model: names of severities, categories and states, the string
 * arena of a gate run, and the line-independent fingerprint.
 */
#include "gate/finding.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/sha256.h"
#include "util/xalloc.h"

#define ARENA_CHUNK (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	char data[];
};

static const char *const sev_names[SEV_COUNT] = {
	"critical", "high", "medium", "low", "info", "unknown"
};
static const char *const cat_names[CAT_COUNT] = {
	"vulnerability", "misconfiguration", "secret", "bug", "code_smell",
	"hotspot", "license"
};
static const char *const status_names[] = {
	"open", "waived", "baseline", "ignored"
};

const char *gate_severity_name(enum gate_severity s)
{
	return sev_names[s];
}

int gate_severity_parse(const char *s, size_t len)
{
	int i;

	for (i = 0; i < SEV_COUNT; i++)
		if (strlen(sev_names[i]) == len && !strncasecmp(s, sev_names[i], len))
			return i;
	return -1;
}

const char *gate_category_name(enum category c)
{
	return cat_names[c];
}

int gate_category_parse(const char *s)
{
	int i;

	for (i = 0; i < CAT_COUNT; i++)
		if (!strcmp(s, cat_names[i]))
			return i;
	return -1;
}

const char *gate_status_name(enum finding_status s)
{
	return status_names[s];
}

static char *arena_alloc(struct gate_input *in, size_t n)
{
	struct arena_chunk *c = in->arena;
	char *p;

	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;

		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		if (size == n && in->arena) {
			/* a big string: keep the current chunk for small ones */
			c->next = in->arena->next;
			in->arena->next = c;
		} else {
			c->next = in->arena;
			in->arena = c;
		}
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

const char *gate_strdup(struct gate_input *in, const char *s, size_t len)
{
	char *p;

	if (!s)
		return NULL;
	p = arena_alloc(in, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

const char *gate_strdup_max(struct gate_input *in, const char *s, size_t len,
			    size_t max)
{
	if (s && len > max) {
		len = max;
		/* do not cut a UTF-8 sequence: back up to its first byte */
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	return gate_strdup(in, s, len);
}

const char *gate_path(struct gate_input *in, const char *s, size_t len)
{
	char *p;
	size_t i;

	while (len >= 2 && s[0] == '.' && (s[1] == '/' || s[1] == '\\'))
		s += 2, len -= 2;
	while (len && (s[0] == '/' || s[0] == '\\'))
		s++, len--;
	if (!len)
		return NULL;
	p = (char *)gate_strdup(in, s, len);
	for (i = 0; i < len; i++)
		if (p[i] == '\\')
			p[i] = '/';
	return p;
}

struct finding *gate_add_finding(struct gate_input *in)
{
	struct finding *f;

	ALLOC_GROW(in->findings, in->nr, in->alloc);
	f = &in->findings[in->nr++];
	memset(f, 0, sizeof(*f));
	f->severity = SEV_UNKNOWN;
	f->source = in->nr_sources ? (unsigned)in->nr_sources - 1 : 0;
	f->sarif_rule_index = -1;
	f->sarif_level = -1;
	return f;
}

static void hash_field(struct sha256 *c, const char *s)
{
	static const char sep = 0x1f;

	if (s)
		sha256_update(c, s, strlen(s));
	sha256_update(c, &sep, 1);
}

/*
 * tool, category, rule, path and an anchor (resource, package, issue key),
 * never a line number: moving code does not make a finding new.
 */
void finding_fingerprint(struct finding *f)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	struct sha256 c;
	int i;

	sha256_init(&c);
	hash_field(&c, f->tool);
	hash_field(&c, gate_category_name(f->category));
	hash_field(&c, f->rule_id);
	hash_field(&c, f->path);
	hash_field(&c, f->anchor);
	sha256_final(&c, md);
	for (i = 0; i < 16; i++) {
		f->fingerprint[2 * i] = hex[md[i] >> 4];
		f->fingerprint[2 * i + 1] = hex[md[i] & 15];
	}
	f->fingerprint[32] = '\0';
}

void gate_sonar_conditions_clear(struct sonar_info *s)
{
	size_t i;

	for (i = 0; i < s->nr_conditions; i++) {
		free(s->conditions[i].status);
		free(s->conditions[i].metric);
		free(s->conditions[i].comparator);
		free(s->conditions[i].threshold);
		free(s->conditions[i].actual);
	}
	s->nr_conditions = 0;
}

static void sonar_info_release(struct sonar_info *s)
{
	gate_sonar_conditions_clear(s);
	free(s->conditions);
	free(s->status);
	free(s->project_key);
	free(s->dashboard_url);
	free(s->ce_task_id);
	free(s->server_url);
	free(s->branch);
	memset(s, 0, sizeof(*s));
}

void gate_input_release(struct gate_input *in)
{
	struct arena_chunk *c, *next;
	size_t i;

	if (!in)
		return;
	for (c = in->arena; c; c = next) {
		next = c->next;
		free(c);
	}
	for (i = 0; i < in->nr_sources; i++) {
		free(in->sources[i].tool);
		free(in->sources[i].path);
		free(in->sources[i].format);
	}
	free(in->sources);
	free(in->findings);
	sonar_info_release(&in->sonar);
	memset(in, 0, sizeof(*in));
}
