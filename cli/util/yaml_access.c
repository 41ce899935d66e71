/*
 * Typed access to YAML nodes, with errors that name FILE:LINE:COL.
 */
#include "util/yaml.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/suggest.h"
#include "util/xalloc.h"

static int one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (!strcmp(s, *words))
			return 1;
	return 0;
}

static int is_int(const char *s)
{
	const char *p = s;

	if (*p == '-' || *p == '+')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'o') && p[2]) {
		const char *digits = p[1] == 'x' ? "0123456789abcdefABCDEF" :
			"01234567";

		return p == s && strspn(p + 2, digits) == strlen(p + 2);
	}
	return *p && strspn(p, "0123456789") == strlen(p);
}

static int is_float(const char *s)
{
	static const char *const special[] = {
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
		"-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL
	};
	const char *p = s;
	int digits = 0;

	if (one_of(s, special))
		return 1;
	/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++, digits++;
	}
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

enum yaml_type yaml_type_of(const struct yaml_node *node)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const bools[] = {
		"true", "True", "TRUE", "false", "False", "FALSE", NULL
	};

	if (!node)
		return YAML_T_NULL;
	if (node->kind == YAML_SEQ)
		return YAML_T_SEQ;
	if (node->kind == YAML_MAP)
		return YAML_T_MAP;
	if (node->quoted || strlen(node->str) != node->len)
		return YAML_T_STR;
	if (one_of(node->str, nulls))
		return YAML_T_NULL;
	if (one_of(node->str, bools))
		return YAML_T_BOOL;
	if (is_int(node->str))
		return YAML_T_INT;
	if (is_float(node->str))
		return YAML_T_FLOAT;
	return YAML_T_STR;
}

const char *yaml_type_name(enum yaml_type type)
{
	switch (type) {
	case YAML_T_STR: return "string";
	case YAML_T_NULL: return "null";
	case YAML_T_BOOL: return "boolean";
	case YAML_T_INT: return "integer";
	case YAML_T_FLOAT: return "number";
	case YAML_T_SEQ: return "list";
	case YAML_T_MAP: return "mapping";
	}
	return "value";
}

static const char *article(enum yaml_type type)
{
	return type == YAML_T_INT ? "an" : "a";
}

int yaml_err(struct err *err, const struct yaml_doc *doc,
	     const struct yaml_node *node, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (node)
		err_set(err, ERR_INPUT, "%s:%u:%u: %s", doc->filename,
			node->line, node->col, msg.ptr);
	else
		err_set(err, ERR_INPUT, "%s: %s", doc->filename, msg.ptr);
	buf_release(&msg);
	return err->code;
}

int yaml_check_keys(const struct yaml_doc *doc, const struct yaml_node *map,
		    const char *const *allowed, const char *what,
		    struct err *err)
{
	size_t i, nr = 0;
	const char *hint;

	while (allowed[nr])
		nr++;
	for (i = 0; map && i < map->nr_pairs; i++) {
		const struct yaml_node *k = map->pairs[i].key;

		if (one_of(k->str, allowed))
			continue;
		hint = suggest_closest(k->str, allowed, nr);
		if (hint)
			return yaml_err(err, doc, k,
					"unknown key '%s' in %s (did you mean '%s'?)",
					k->str, what, hint);
		return yaml_err(err, doc, k, "unknown key '%s' in %s", k->str,
				what);
	}
	return 0;
}

int yaml_expect(const struct yaml_doc *doc, const struct yaml_node *node,
		enum yaml_type type, const char *what, struct err *err)
{
	enum yaml_type got = yaml_type_of(node);

	if (got == type)
		return 0;
	return yaml_err(err, doc, node, "%s must be %s %s, not %s %s", what,
			article(type), yaml_type_name(type), article(got),
			yaml_type_name(got));
}

int yaml_get_bool(int *out, const struct yaml_doc *doc,
		  const struct yaml_node *node, const char *what,
		  struct err *err)
{
	if (yaml_expect(doc, node, YAML_T_BOOL, what, err) < 0)
		return err->code;
	*out = node->str[0] == 't' || node->str[0] == 'T';
	return 0;
}

int yaml_get_int(long long *out, const struct yaml_doc *doc,
		 const struct yaml_node *node, long long min, long long max,
		 const char *what, struct err *err)
{
	const char *s;
	char *end;
	int base = 10;
	long long v;

	if (yaml_expect(doc, node, YAML_T_INT, what, err) < 0)
		return err->code;
	s = node->str;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
		base = s[1] == 'x' ? 16 : 8;
		s += 2;
	}
	errno = 0;
	v = strtoll(s, &end, base);
	if (errno || v < min || v > max)
		return yaml_err(err, doc, node, "%s must be between %lld and %lld",
				what, min, max);
	*out = v;
	return 0;
}
