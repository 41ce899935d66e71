/* The HCL reader (validate, docs): .tf and .hcl files. */
#include <stddef.h>
#include <stdint.h>

#include "hcl/hcl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct hcl_file f;
	struct err err = ERR_INIT;

	if (hcl_parse(&f, "main.tf", (const char *)data, len, &err) == 0)
		hcl_file_release(&f);
	err_release(&err);
	return 0;
}
