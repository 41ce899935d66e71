/* The gate policy (policies/gate.yaml), with an environment merged in. */
#include <stddef.h>
#include <stdint.h>

#include "gate/gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gate_policy *pol = NULL;
	struct err err = ERR_INIT;

	gate_policy_parse(&pol, (const char *)data, len, "gate.yaml", "prod",
			  &err);
	gate_policy_free(pol);
	err_release(&err);
	return 0;
}
