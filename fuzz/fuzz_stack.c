/*
 * stack.yaml: the YAML loader, the stack model and its reference scan, then
 * every environment rendered in memory (nothing is written).
 */
#include <stddef.h>
#include <stdint.h>

#include "render/render.h"
#include "stack/stack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct stack *st = NULL;
	struct render_set set = RENDER_SET_INIT;
	struct err err = ERR_INIT;

	if (stack_load_mem(&st, (const char *)data, len, "stack.yaml", &err) == 0)
		render_stack(&set, st, NULL, &err);
	render_set_release(&set);
	stack_free(st);
	err_release(&err);
	return 0;
}
