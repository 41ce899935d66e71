#ifndef VALIDATE_PROVIDERS_H
#define VALIDATE_PROVIDERS_H

/*
 * The providers a component's `providers:` list configures (render writes
 * one provider block per name into the unit's providers.tf) against the
 * names its module's `required_providers` declares:
 *  - the module requires a provider the stack knows how to configure (it
 *    is under the top-level `providers:`) but the component does not list
 *    it: Terraform would run that provider unconfigured (for kubernetes,
 *    against whatever cluster the environment points at);
 *  - the component lists a provider the module does not require: a
 *    provider block Terraform resolves as hashicorp/NAME, which for a
 *    third-party provider (aminueza/minio) fails `init`.
 * `mods` as for validate_inputs; problems go to `r`, sorted by position.
 */
#include "stack/stack.h"
#include "validate/module.h"
#include "validate/validate.h"

void validate_providers(struct validate_report *r, const struct stack *st,
			const struct validate_module *const *mods);

#endif
