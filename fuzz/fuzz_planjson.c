/*
 * `terragrunt show -json` plans.  The first byte chooses where the input is
 * cut in two, as the streaming reader gets it in pieces from a pipe.
 */
#include <stddef.h>
#include <stdint.h>

#include "tfplan/planjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const mocks[] = { "mock-endpoint" };
	struct plan_summary sum = PLAN_SUMMARY_INIT;
	struct plan_reader *r;
	struct err err = ERR_INIT;
	size_t cut;

	if (!len)
		return 0;
	cut = (size_t)data[0] * (len - 1) / 255;
	data++;
	len--;
	r = tfplan_reader_new("minio: show -json", mocks, 1);
	if (tfplan_reader_feed(r, data, cut, &err) == 0 &&
	    tfplan_reader_feed(r, data + cut, len - cut, &err) == 0 &&
	    tfplan_reader_finish(&sum, r, &err) == 0)
		tfplan_summary_release(&sum);
	tfplan_reader_free(r);
	err_release(&err);
	return 0;
}
