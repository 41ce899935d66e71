/* Bundle extraction (apply --bundle): the .tar.gz read in memory, every
 * entry checked (no absolute path, no .., no link, size limits), then the
 * manifest and every digest verified. */
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct bundle b = BUNDLE_INIT;
	struct err err = ERR_INIT;

	if (bundle_open(&b, data, len, &err) == 0)
		bundle_release(&b);
	err_release(&err);
	return 0;
}
