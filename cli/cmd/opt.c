#include "cmd/opt.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/suggest.h"
#include "util/xalloc.h"

void strlist_push(struct strlist *l, const char *s)
{
	ALLOC_GROW(l->v, l->nr, l->alloc);
	l->v[l->nr++] = s;
}

void strlist_release(struct strlist *l)
{
	free(l->v);
	l->v = NULL;
	l->nr = l->alloc = 0;
}

static const struct opt_spec *find_long(const struct opt_spec *specs,
					const char *name, size_t len)
{
	for (; specs->type != OPT_T_END; specs++)
		if (specs->long_name && strlen(specs->long_name) == len &&
		    !strncmp(specs->long_name, name, len))
			return specs;
	return NULL;
}

static const struct opt_spec *find_short(const struct opt_spec *specs, char c)
{
	for (; specs->type != OPT_T_END; specs++)
		if (specs->short_name == c)
			return specs;
	return NULL;
}

const struct opt_spec *opt_find(const struct opt_set *sets, size_t nr_sets,
				const char *long_name, char short_name,
				size_t *set)
{
	size_t i;

	for (i = 0; i < nr_sets; i++) {
		const struct opt_spec *o = long_name ?
			find_long(sets[i].specs, long_name, strlen(long_name)) :
			find_short(sets[i].specs, short_name);

		if (o) {
			if (set)
				*set = i;
			return o;
		}
	}
	return NULL;
}

/* Like opt_find for a name that is not NUL-terminated ("out" of "out=x"). */
static const struct opt_spec *find_long_in(const struct opt_set *sets,
					   size_t nr_sets, const char *name,
					   size_t len, void **values)
{
	size_t i;

	for (i = 0; i < nr_sets; i++) {
		const struct opt_spec *o = find_long(sets[i].specs, name, len);

		if (o) {
			*values = sets[i].values;
			return o;
		}
	}
	return NULL;
}

static int unknown_long(const struct opt_set *sets, size_t nr_sets,
			const char *name, size_t len, struct err *err)
{
	const char *names[96];
	char *word = xstrndup(name, len);
	const struct opt_spec *o;
	const char *hint;
	size_t i, nr = 0;

	for (i = 0; i < nr_sets; i++)
		for (o = sets[i].specs; o->type != OPT_T_END &&
		     nr < ARRAY_SIZE(names) - 1; o++)
			if (o->long_name)
				names[nr++] = o->long_name;
	names[nr++] = "help";
	hint = suggest_closest(word, names, nr);
	if (hint)
		err_set(err, ERR_USAGE, "unknown option '--%s' (did you mean '--%s'?)",
			word, hint);
	else
		err_set(err, ERR_USAGE, "unknown option '--%s'", word);
	free(word);
	return OPT_ERROR;
}

static void opt_label(const struct opt_spec *o, char *label, size_t size)
{
	if (o->long_name)
		snprintf(label, size, "--%s", o->long_name);
	else
		snprintf(label, size, "-%c", o->short_name);
}

/* 1 when `arg` is one of the space-separated words of `choices`. */
static int is_choice(const char *choices, const char *arg)
{
	size_t len = strlen(arg);
	const char *p = choices;

	while (*p) {
		size_t wlen = strcspn(p, " ");

		if (wlen == len && !strncmp(p, arg, len))
			return 1;
		p += wlen;
		p += strspn(p, " ");
	}
	return 0;
}

static int store_string(const struct opt_spec *o, char *field,
			const char *arg, struct err *err)
{
	char label[64];

	/* An OPT_OPTARG given without "=VALUE" needs no choice. */
	if (o->choices && !(o->type == OPT_T_OPTARG && !*arg) &&
	    !is_choice(o->choices, arg)) {
		opt_label(o, label, sizeof(label));
		err_set(err, ERR_USAGE, "option '%s' takes one of: %s; not '%s'",
			label, o->choices, arg);
		return OPT_ERROR;
	}
	*(const char **)field = arg;
	return 0;
}

static int store_value(const struct opt_spec *o, void *values,
		       const char *arg, struct err *err)
{
	char *field = (char *)values + o->offset;
	char label[64];
	char *end;
	long v;

	switch (o->type) {
	case OPT_T_BOOL:
		(*(int *)field)++;
		return 0;
	case OPT_T_STRING:
	case OPT_T_OPTARG:
		return store_string(o, field, arg, err);
	case OPT_T_LIST:
		strlist_push((struct strlist *)field, arg);
		return 0;
	case OPT_T_INT:
		errno = 0;
		v = strtol(arg, &end, 10);
		if (!errno && end != arg && !*end && v >= INT_MIN && v <= INT_MAX) {
			*(int *)field = (int)v;
			return 0;
		}
		opt_label(o, label, sizeof(label));
		err_set(err, ERR_USAGE, "option '%s' expects a whole number, not '%s'",
			label, arg);
		return OPT_ERROR;
	case OPT_T_END:
		break;
	}
	return OPT_ERROR;
}

int opt_takes_value(const struct opt_spec *o)
{
	return o->type == OPT_T_STRING || o->type == OPT_T_INT ||
	       o->type == OPT_T_LIST;
}

/* Handles argv[*i], a "--name[=value]"; may consume the next argument. */
static int parse_long(int argc, const char **argv, int *i,
		      const struct opt_set *sets, size_t nr_sets,
		      struct err *err)
{
	const char *name = argv[*i] + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	void *values = NULL;
	const struct opt_spec *o = find_long_in(sets, nr_sets, name, len, &values);

	if (!o && len == 4 && !strncmp(name, "help", 4))
		return OPT_HELP;
	if (!o)
		return unknown_long(sets, nr_sets, name, len, err);
	if (o->type == OPT_T_BOOL && eq)
		return err_set(err, ERR_USAGE, "option '--%s' takes no value",
			       o->long_name), OPT_ERROR;
	if (o->type == OPT_T_OPTARG)
		return store_value(o, values, eq ? eq + 1 : "", err);
	if (!opt_takes_value(o))
		return store_value(o, values, NULL, err);
	if (eq)
		return store_value(o, values, eq + 1, err);
	if (*i + 1 >= argc)
		return err_set(err, ERR_USAGE, "option '--%s' requires a value",
			       o->long_name), OPT_ERROR;
	return store_value(o, values, argv[++*i], err);
}

/* Handles a cluster of short options such as "-qv" or "-j4" or "-j 4". */
static int parse_short(int argc, const char **argv, int *i,
		       const struct opt_set *sets, size_t nr_sets,
		       struct err *err)
{
	const char *p;

	for (p = argv[*i] + 1; *p; p++) {
		size_t set = 0;
		const struct opt_spec *o = opt_find(sets, nr_sets, NULL, *p, &set);
		void *values;

		if (!o && *p == 'h')
			return OPT_HELP;
		if (!o)
			return err_set(err, ERR_USAGE, "unknown option '-%c'", *p),
			       OPT_ERROR;
		values = sets[set].values;
		if (!opt_takes_value(o)) {
			if (store_value(o, values, o->type == OPT_T_OPTARG ? "" : NULL,
					err) < 0)
				return OPT_ERROR;
			continue;
		}
		if (p[1])
			return store_value(o, values, p + 1, err);
		if (*i + 1 >= argc)
			return err_set(err, ERR_USAGE, "option '-%c' requires a value",
				       *p), OPT_ERROR;
		return store_value(o, values, argv[++*i], err);
	}
	return OPT_OK;
}

int opt_parse_sets(int argc, const char **argv, const struct opt_set *sets,
		   size_t nr_sets, unsigned flags, int *nr_args,
		   struct err *err)
{
	int i, nr = 0, ret = OPT_OK;

	for (i = 1; i < argc && ret == OPT_OK; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			while (++i < argc)
				argv[nr++] = argv[i];
			break;
		}
		if ((a[0] != '-' || !a[1]) && (flags & OPT_STOP_AT_ARG)) {
			while (i < argc)
				argv[nr++] = argv[i++];
			break;
		}
		if (a[0] != '-' || !a[1])
			argv[nr++] = a;
		else if (a[1] == '-')
			ret = parse_long(argc, argv, &i, sets, nr_sets, err);
		else
			ret = parse_short(argc, argv, &i, sets, nr_sets, err);
	}
	*nr_args = nr;
	return ret;
}

int opt_parse(int argc, const char **argv, const struct opt_spec *specs,
	      void *values, int *nr_args, struct err *err)
{
	static const struct opt_spec none[] = { OPT_END() };
	struct opt_set set = { specs ? specs : none, values };

	return opt_parse_sets(argc, argv, &set, 1, 0, nr_args, err);
}
