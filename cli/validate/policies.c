/*
 * policies/ *.yaml load: each known policy through its own loader (so that
 * validate reports exactly what `gate` and `plan` would refuse), any other
 * YAML file as YAML.
 */
#include "validate/policies.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gate/gate.h"
#include "plan/policy.h"
#include "util/fs.h"
#include "util/xalloc.h"
#include "util/yaml.h"
#include "validate/policy_refs.h"
#include "validate/report.h"

/* Loads a policy file and frees it again: 0, or an error with FILE:L:C. */
typedef int (*policy_check_fn)(const char *path, struct err *err);

static int check_yaml(const char *path, struct err *err)
{
	struct yaml_doc *doc = NULL;
	int ret = yaml_load_file(&doc, path, err);

	yaml_doc_free(doc);
	return ret;
}

static int check_gate(const char *path, struct err *err)
{
	struct gate_policy *p = NULL;
	/* no environment applied: the loader still checks every block */
	int ret = gate_policy_load(&p, path, NULL, err);

	gate_policy_free(p);
	return ret;
}

static int check_plan(const char *path, struct err *err)
{
	struct plan_policy p = PLAN_POLICY_INIT;
	int ret = plan_policy_load(&p, path, err);

	plan_policy_release(&p);
	return ret;
}

static const struct {
	const char *name;
	policy_check_fn check;
} known[] = {
	{ "gate.yaml", check_gate },
	{ "plan.yaml", check_plan },
};

static policy_check_fn checker_for(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (!strcmp(known[i].name, name))
			return known[i].check;
	return check_yaml;
}

static int is_yaml_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' &&
		((len > 5 && !strcmp(name + len - 5, ".yaml")) ||
		 (len > 4 && !strcmp(name + len - 4, ".yml")));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The YAML file names in `dir`, sorted; -1 (errno set) if unreadable. */
static long list_yaml(char ***out, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t nr = 0, alloc = 0;

	*out = NULL;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!is_yaml_name(de->d_name))
			continue;
		ALLOC_GROW(*out, nr, alloc);
		(*out)[nr++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (nr)
		qsort(*out, nr, sizeof(**out), cmp_str);
	return (long)nr;
}

static void check_one(struct validate_report *r, const char *dir,
		      const char *name, const struct stack *st)
{
	char *path = fs_join(dir, name);
	struct err err = ERR_INIT;

	if (checker_for(name)(path, &err) < 0)
		validate_report_error(r, path, &err);
	else if (st)
		validate_policy_refs(r, path, name, st);
	err_release(&err);
	free(path);
}

size_t validate_policies(struct validate_report *r, const char *root,
			 const struct stack *st)
{
	char *dir = fs_join(root, VALIDATE_POLICY_DIR), **names;
	long nr;
	size_t i;
	struct err err = ERR_INIT;

	if (!fs_is_dir(dir)) {
		free(dir);
		return 0;
	}
	nr = list_yaml(&names, dir);
	if (nr < 0) {
		err_set(&err, ERR_IO, "cannot list '%s': %s", dir,
			strerror(errno));
		validate_report_error(r, dir, &err);
		nr = 0;
	}
	for (i = 0; i < (size_t)nr; i++) {
		check_one(r, dir, names[i], st);
		free(names[i]);
	}
	free(names);
	err_release(&err);
	free(dir);
	return (size_t)nr;
}
