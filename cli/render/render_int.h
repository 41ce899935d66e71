#ifndef RENDER_RENDER_INT_H
#define RENDER_RENDER_INT_H

/* Internal pieces of the renderer. */
#include "render/hcl.h"
#include "render/render.h"

/*
 * A YAML value of the stack as an HCL value for environment `env`:
 * ${env.X} resolved, ${c.o} as dependency.c.outputs.o, `$${` a literal.
 * ERR_INPUT (FILE:L:C) for numbers HCL cannot hold.
 */
int render_value(struct hclw_value **out, const struct stack *st, size_t env,
		 const struct yaml_node *node, struct err *err);

/* The files of one environment, appended to `set`. */
int render_env_files(struct render_set *set, const struct stack *st,
		     size_t env, struct err *err);
int render_root_file(struct render_set *set, const struct stack *st,
		     struct err *err);
/* Adds a file (takes `content`'s memory). */
void render_set_add(struct render_set *set, char *path, struct buf *content);

/* Unified diff of two texts (3 lines of context) appended to `out`. */
void render_udiff(struct buf *out, const char *path, const char *old,
		  size_t old_len, const char *new, size_t new_len);

#endif
