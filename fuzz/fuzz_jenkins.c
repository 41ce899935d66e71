/*
 * Jenkins' JSON responses: job, queue item, build, wfapi run, pending
 * inputs.  The first byte chooses the reader.
 */
#include <stddef.h>
#include <stdint.h>

#include "net/jenkins.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct err err = ERR_INIT;
	const char *json;

	if (!len)
		return 0;
	json = (const char *)data + 1;
	len--;
	switch (data[0] % 5) {
	case 0: {
		struct jenkins_job job = JENKINS_JOB_INIT;

		if (jenkins_job_parse(&job, json, len, &err) == 0)
			jenkins_job_release(&job);
		break;
	}
	case 1: {
		struct jenkins_queue_item q = JENKINS_QUEUE_ITEM_INIT;

		if (jenkins_queue_parse(&q, json, len, &err) == 0)
			jenkins_queue_item_release(&q);
		break;
	}
	case 2: {
		struct jenkins_build b = JENKINS_BUILD_INIT;

		if (jenkins_build_parse(&b, json, len, &err) == 0)
			jenkins_build_release(&b);
		break;
	}
	case 3: {
		struct jenkins_run r = JENKINS_RUN_INIT;

		if (jenkins_run_parse(&r, json, len, &err) == 0)
			jenkins_run_release(&r);
		break;
	}
	default: {
		struct jenkins_input *in = NULL;
		size_t nr = 0;

		if (jenkins_inputs_parse(&in, &nr, json, len, &err) == 0)
			jenkins_inputs_free(in, nr);
	}
	}
	err_release(&err);
	return 0;
}
