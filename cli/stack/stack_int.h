#ifndef STACK_STACK_INT_H
#define STACK_STACK_INT_H

/* Internal steps of stack_load(), one file each. */
#include "stack/stack.h"
#include "stack/tmpl.h"

/* depends_on -> deps/dependents, cycles, topological order (stack_graph.c) */
int stack_build_graph(struct stack *st, struct err *err);
/* every ${...} in inputs, overrides, providers, backend (stack_refs.c) */
int stack_check_refs(const struct stack *st, struct err *err);
/* stack_paths.c: module paths stay in the repository or its module_roots. */
int stack_check_module_roots(const struct yaml_doc *doc, struct err *err);
int stack_check_module_path(const struct yaml_doc *doc,
			    const struct yaml_node *m, struct err *err);
int stack_check_module_real(const struct stack *st, const struct yaml_node *m,
			    struct err *err);
/* The node of components.NAME (its key's value) for marks. */
const struct yaml_node *stack_component_node(const struct stack *st,
					     size_t comp);

#endif
