/*
 * Module READMEs: the generated inputs/outputs table is current.
 */
#include "validate/readme.h"

size_t validate_readmes(struct validate_report *r, const char *const *dirs,
			size_t nr)
{
	(void)r;
	(void)dirs;
	(void)nr;
	return 0;
}
