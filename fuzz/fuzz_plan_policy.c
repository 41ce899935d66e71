/*
 * The plan policy (policies/plan.yaml).  Its loader takes a path, so the
 * input goes through a memory file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "plan/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct plan_policy pol = PLAN_POLICY_INIT;
	struct err err = ERR_INIT;
	char path[64];
	int fd = memfd_create("plan.yaml", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		plan_policy_load(&pol, path, &err);
		plan_policy_release(&pol);	/* also after a failure */
	}
	close(fd);
	err_release(&err);
	return 0;
}
