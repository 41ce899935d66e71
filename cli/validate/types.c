/*
 * The outer shape of a YAML value against a Terraform type constraint.
 */
#include "validate/types.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum tf_family { TF_ANY, TF_STRING, TF_NUMBER, TF_BOOL, TF_LIST, TF_MAP };

/* The family of a type expression from its leading keyword. */
static enum tf_family family_of(const char *type)
{
	static const struct {
		const char *word;
		enum tf_family family;
	} words[] = {
		{ "string", TF_STRING }, { "number", TF_NUMBER },
		{ "bool", TF_BOOL }, { "list", TF_LIST }, { "set", TF_LIST },
		{ "tuple", TF_LIST }, { "map", TF_MAP }, { "object", TF_MAP },
	};
	size_t len, i;

	if (!type)
		return TF_ANY;
	while (isspace((unsigned char)*type))
		type++;
	for (len = 0; islower((unsigned char)type[len]); len++)
		;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == len &&
		    !strncmp(words[i].word, type, len))
			return words[i].family;
	return TF_ANY;
}

static const char *shape_name(enum yaml_type t)
{
	switch (t) {
	case YAML_T_SEQ: return "a list";
	case YAML_T_MAP: return "a mapping";
	case YAML_T_BOOL: return "a boolean";
	case YAML_T_INT:
	case YAML_T_FLOAT: return "a number";
	default: return "a string";
	}
}

/* A string Terraform converts to a number: the whole text is one. */
static int numeric_text(const char *s)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return 0;
	(void)strtod(s, &end);
	return !*end;
}

static int scalar_fits(enum tf_family f, enum yaml_type t,
		       const struct yaml_node *value, int is_template)
{
	if (t == YAML_T_SEQ || t == YAML_T_MAP)
		return 0;
	if (f == TF_STRING || is_template)
		return 1;
	if (f == TF_NUMBER)
		return t == YAML_T_INT || t == YAML_T_FLOAT ||
			(t == YAML_T_STR && numeric_text(value->str));
	/* TF_BOOL */
	return t == YAML_T_BOOL || (t == YAML_T_STR &&
		(!strcmp(value->str, "true") || !strcmp(value->str, "false")));
}

const char *validate_type_mismatch(const char *type,
				   const struct yaml_node *value,
				   int is_template)
{
	enum tf_family f = family_of(type);
	enum yaml_type t = yaml_type_of(value);
	int fits;

	if (f == TF_ANY || !value || t == YAML_T_NULL)
		return NULL;
	if (f == TF_LIST)
		fits = t == YAML_T_SEQ;
	else if (f == TF_MAP)
		fits = t == YAML_T_MAP;
	else
		fits = scalar_fits(f, t, value, is_template);
	return fits ? NULL : shape_name(t);
}
