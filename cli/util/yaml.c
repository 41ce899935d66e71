#include "util/yaml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/fs.h"
#include "util/suggest.h"
#include "util/xalloc.h"

struct anchor {
	char *name;
	struct yaml_node *node;
};

/* Parsing state: the document being built and the anchors seen so far. */
struct loader {
	yaml_parser_t parser;
	struct yaml_doc *doc;
	const char *data;
	size_t len;
	struct anchor *anchors;
	size_t nr_anchors, alloc_anchors;
	unsigned depth;		/* collections open */
	struct err *err;
};

static struct yaml_node *node_new(struct yaml_doc *doc, enum yaml_kind kind,
				  const yaml_mark_t *mark)
{
	struct yaml_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)mark->line + 1;
	n->col = (unsigned)mark->column + 1;
	ALLOC_GROW(doc->all, doc->nr_all, doc->alloc_all);
	doc->all[doc->nr_all++] = n;
	return n;
}

static int fail_at(struct loader *ld, unsigned line, unsigned col,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail_at(struct loader *ld, unsigned line, unsigned col,
		   const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	err_set(ld->err, ERR_INPUT, "%s:%u:%u: %s", ld->doc->filename, line,
		col, msg.ptr);
	buf_release(&msg);
	return -1;
}

/* Line and column (1-based) of a byte offset, for reader errors. */
static void offset_to_pos(const char *data, size_t len, size_t off,
			  unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < len; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static int parser_failed(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	unsigned line, col;

	if (p->error == YAML_READER_ERROR) {
		offset_to_pos(ld->data, ld->len, p->problem_offset, &line, &col);
		return fail_at(ld, line, col, "%s (byte offset %zu)",
			       p->problem && strstr(p->problem, "UTF-8") ?
			       "invalid UTF-8" : p->problem ? p->problem :
			       "unreadable input", p->problem_offset);
	}
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	if (p->problem_mark.index < ld->len &&
	    ld->data[p->problem_mark.index] == '\t')
		return fail_at(ld, line, col, "%s (YAML indents with spaces, not tabs)",
			       p->problem ? p->problem : "invalid YAML");
	if (p->context)
		return fail_at(ld, line, col, "%s %s", p->problem, p->context);
	return fail_at(ld, line, col, "%s",
		       p->problem ? p->problem : "invalid YAML");
}

static int next_event(struct loader *ld, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev))
		return parser_failed(ld);
	return 0;
}

static void remember_anchor(struct loader *ld, const yaml_char_t *name,
			    struct yaml_node *node)
{
	if (!name)
		return;
	ALLOC_GROW(ld->anchors, ld->nr_anchors, ld->alloc_anchors);
	ld->anchors[ld->nr_anchors].name = xstrdup((const char *)name);
	ld->anchors[ld->nr_anchors].node = node;
	ld->nr_anchors++;
}

static struct yaml_node *find_anchor(struct loader *ld, const char *name)
{
	size_t i = ld->nr_anchors;

	/* The latest definition of a name wins, as YAML says. */
	while (i--)
		if (!strcmp(ld->anchors[i].name, name))
			return ld->anchors[i].node;
	return NULL;
}

static int parse_node(struct loader *ld, yaml_event_t *ev,
		      struct yaml_node **out);

/*
 * Adds the expanded size of `child` (met at `mark`) to `parent`'s: an alias
 * counts as a full copy of what it names, so the sum is what a walk of the
 * tree costs.  Past YAML_MAX_NODES the document is refused.
 */
static int add_weight(struct loader *ld, struct yaml_node *parent,
		      const struct yaml_node *child, const yaml_mark_t *mark)
{
	if (parent->weight + child->weight > YAML_MAX_NODES)
		return fail_at(ld, (unsigned)mark->line + 1,
			       (unsigned)mark->column + 1,
			       "the document expands to more than %zu nodes through its aliases (the limit)",
			       YAML_MAX_NODES);
	parent->weight += child->weight;
	return 0;
}

static int parse_seq(struct loader *ld, struct yaml_node *seq)
{
	size_t alloc = 0;

	for (;;) {
		yaml_event_t ev;
		yaml_mark_t mark;
		struct yaml_node *item;

		if (next_event(ld, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		mark = ev.start_mark;
		if (parse_node(ld, &ev, &item) < 0 ||
		    add_weight(ld, seq, item, &mark) < 0)
			return -1;
		ALLOC_GROW(seq->items, seq->nr_items, alloc);
		seq->items[seq->nr_items++] = item;
	}
}

static int has_key(const struct yaml_node *map, const struct yaml_node *key,
		   size_t upto)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		const struct yaml_node *k = map->pairs[i].key;

		if (k->len == key->len && !memcmp(k->str, key->str, k->len))
			return 1;
	}
	return 0;
}

static void add_pair(struct yaml_node *map, struct yaml_node *key,
		     struct yaml_node *value)
{
	ALLOC_GROW(map->pairs, map->nr_pairs, map->alloc);
	map->pairs[map->nr_pairs].key = key;
	map->pairs[map->nr_pairs].value = value;
	map->nr_pairs++;
}

static int merge_one(struct loader *ld, struct yaml_node *map,
		     const struct yaml_node *src, size_t nr_explicit)
{
	size_t i;

	if (src->kind != YAML_MAP)
		return fail_at(ld, src->line, src->col,
			       "a merge key ('<<') takes a mapping or a list of mappings");
	for (i = 0; i < src->nr_pairs; i++)
		if (!has_key(map, src->pairs[i].key, map->nr_pairs))
			add_pair(map, src->pairs[i].key, src->pairs[i].value);
	(void)nr_explicit;
	return 0;
}

static int apply_merges(struct loader *ld, struct yaml_node *map,
			struct yaml_node **merges, size_t nr)
{
	size_t i, j, nr_explicit = map->nr_pairs;

	for (i = 0; i < nr; i++) {
		const struct yaml_node *m = merges[i];

		if (m->kind != YAML_SEQ) {
			if (merge_one(ld, map, m, nr_explicit) < 0)
				return -1;
			continue;
		}
		for (j = 0; j < m->nr_items; j++)
			if (merge_one(ld, map, m->items[j], nr_explicit) < 0)
				return -1;
	}
	return 0;
}

static int is_merge_key(const struct yaml_node *key)
{
	return !key->quoted && key->len == 2 && !memcmp(key->str, "<<", 2);
}

static int parse_map(struct loader *ld, struct yaml_node *map)
{
	struct yaml_node **merges = NULL;
	size_t nr_merges = 0, alloc_merges = 0;
	int ret = -1;

	for (;;) {
		yaml_event_t ev;
		yaml_mark_t mark;
		struct yaml_node *key, *value;

		if (next_event(ld, &ev) < 0)
			goto out;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (parse_node(ld, &ev, &key) < 0)
			goto out;
		if (key->kind != YAML_SCALAR) {
			fail_at(ld, key->line, key->col,
				"a mapping key must be a scalar");
			goto out;
		}
		if (next_event(ld, &ev) < 0)
			goto out;
		mark = ev.start_mark;
		if (parse_node(ld, &ev, &value) < 0 ||
		    add_weight(ld, map, key, &mark) < 0 ||
		    add_weight(ld, map, value, &mark) < 0)
			goto out;
		if (is_merge_key(key)) {
			ALLOC_GROW(merges, nr_merges, alloc_merges);
			merges[nr_merges++] = value;
			continue;
		}
		if (has_key(map, key, map->nr_pairs)) {
			fail_at(ld, key->line, key->col, "duplicate key '%s'",
				key->str);
			goto out;
		}
		add_pair(map, key, value);
	}
	ret = apply_merges(ld, map, merges, nr_merges);
out:
	free(merges);
	return ret;
}

static struct yaml_node *scalar_node(struct loader *ld, yaml_event_t *ev)
{
	struct yaml_node *n = node_new(ld->doc, YAML_SCALAR, &ev->start_mark);

	n->len = ev->data.scalar.length;
	/* Not xstrndup: scalars may hold NUL bytes ("\0" escapes). */
	n->str = xmalloc(n->len + 1);
	memcpy(n->str, ev->data.scalar.value, n->len);
	n->str[n->len] = '\0';
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	n->weight = 1;
	/* An explicit !!str tag makes a plain scalar a string too. */
	if (ev->data.scalar.tag &&
	    !strcmp((const char *)ev->data.scalar.tag, YAML_STR_TAG))
		n->quoted = 1;
	remember_anchor(ld, ev->data.scalar.anchor, n);
	return n;
}

/* Builds the node that starts with `ev` (consumed) into *out. */
static int parse_node(struct loader *ld, yaml_event_t *ev,
		      struct yaml_node **out)
{
	struct yaml_node *n;
	int ret = 0;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*out = scalar_node(ld, ev);
		break;
	case YAML_ALIAS_EVENT:
		n = find_anchor(ld, (const char *)ev->data.alias.anchor);
		if (!n)
			ret = fail_at(ld, (unsigned)ev->start_mark.line + 1,
				      (unsigned)ev->start_mark.column + 1,
				      "unknown alias '*%s'", ev->data.alias.anchor);
		else if (n->open)	/* the tree would be a cycle */
			ret = fail_at(ld, (unsigned)ev->start_mark.line + 1,
				      (unsigned)ev->start_mark.column + 1,
				      "alias '*%s' refers to a collection that contains it",
				      ev->data.alias.anchor);
		*out = n;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ld->depth >= YAML_MAX_DEPTH) {
			ret = fail_at(ld, (unsigned)ev->start_mark.line + 1,
				      (unsigned)ev->start_mark.column + 1,
				      "collections nested more than %d deep",
				      YAML_MAX_DEPTH);
			break;
		}
		ld->depth++;
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			n = node_new(ld->doc, YAML_SEQ, &ev->start_mark);
			remember_anchor(ld, ev->data.sequence_start.anchor, n);
		} else {
			n = node_new(ld->doc, YAML_MAP, &ev->start_mark);
			remember_anchor(ld, ev->data.mapping_start.anchor, n);
		}
		*out = n;
		n->open = 1;
		ret = n->kind == YAML_SEQ ? parse_seq(ld, n) : parse_map(ld, n);
		n->open = 0;
		ld->depth--;
		n->weight++;	/* itself */
		break;
	default:
		ret = fail_at(ld, (unsigned)ev->start_mark.line + 1,
			      (unsigned)ev->start_mark.column + 1,
			      "unexpected YAML event");
	}
	yaml_event_delete(ev);
	return ret;
}

/* Expects `type` next; anything else is an internal parser surprise. */
static int expect_event(struct loader *ld, yaml_event_type_t type,
			yaml_event_t *ev)
{
	if (next_event(ld, ev) < 0)
		return -1;
	if (ev->type == type)
		return 0;
	return fail_at(ld, (unsigned)ev->start_mark.line + 1,
		       (unsigned)ev->start_mark.column + 1,
		       "unexpected YAML structure");
}

static int parse_stream(struct loader *ld)
{
	yaml_event_t ev;

	if (expect_event(ld, YAML_STREAM_START_EVENT, &ev) < 0)
		return -1;
	yaml_event_delete(&ev);
	if (next_event(ld, &ev) < 0)
		return -1;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return 0;	/* empty file: no document */
	}
	yaml_event_delete(&ev);	/* DOCUMENT-START */
	if (next_event(ld, &ev) < 0 || parse_node(ld, &ev, &ld->doc->root) < 0)
		return -1;
	if (expect_event(ld, YAML_DOCUMENT_END_EVENT, &ev) < 0)
		return -1;
	yaml_event_delete(&ev);
	if (next_event(ld, &ev) < 0)
		return -1;
	if (ev.type != YAML_STREAM_END_EVENT) {
		unsigned line = (unsigned)ev.start_mark.line + 1;
		unsigned col = (unsigned)ev.start_mark.column + 1;

		yaml_event_delete(&ev);
		return fail_at(ld, line, col,
			       "a second YAML document is not allowed here");
	}
	yaml_event_delete(&ev);
	return 0;
}

int yaml_load(struct yaml_doc **out, const char *data, size_t len,
	      const char *filename, struct err *err)
{
	struct loader ld = { 0 };
	size_t i;
	int ret;

	*out = NULL;
	if (len > YAML_MAX_BYTES)
		return err_set(err, ERR_INPUT,
			       "%s: byte offset %zu: file larger than the %zu KiB limit",
			       filename, YAML_MAX_BYTES, YAML_MAX_BYTES >> 10);
	ld.doc = xcalloc(1, sizeof(*ld.doc));
	ld.doc->filename = xstrdup(filename);
	ld.data = data;
	ld.len = len;
	ld.err = err;
	if (!yaml_parser_initialize(&ld.parser))
		xdie("out of memory initialising libyaml");
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)data,
				     len);
	ret = parse_stream(&ld);
	yaml_parser_delete(&ld.parser);
	for (i = 0; i < ld.nr_anchors; i++)
		free(ld.anchors[i].name);
	free(ld.anchors);
	if (ret < 0) {
		yaml_doc_free(ld.doc);
		return err->code;
	}
	*out = ld.doc;
	return 0;
}

int yaml_load_file(struct yaml_doc **out, const char *path, struct err *err)
{
	struct buf data = BUF_INIT;
	int ret;

	*out = NULL;
	if (fs_read_file_max(&data, path, YAML_MAX_BYTES, err) < 0)
		return err->code;
	ret = yaml_load(out, data.ptr, data.len, path, err);
	buf_release(&data);
	return ret;
}

void yaml_doc_free(struct yaml_doc *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->nr_all; i++) {
		free(doc->all[i]->str);
		free(doc->all[i]->items);
		free(doc->all[i]->pairs);
		free(doc->all[i]);
	}
	free(doc->all);
	free(doc->filename);
	free(doc);
}

struct yaml_node *yaml_map_get(const struct yaml_node *map, const char *key)
{
	size_t i, klen = strlen(key);

	if (!map || map->kind != YAML_MAP)
		return NULL;
	for (i = 0; i < map->nr_pairs; i++) {
		const struct yaml_node *k = map->pairs[i].key;

		if (k->len == klen && !memcmp(k->str, key, klen))
			return map->pairs[i].value;
	}
	return NULL;
}
