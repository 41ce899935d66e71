#ifndef STACK_TMPL_H
#define STACK_TMPL_H

/*
 * The ${...} syntax of stack.yaml strings, split into segments: literal
 * text (with `$${` already turned into a literal `${`) and references
 * `${env.NAME}` / `${component.output}`.  Shared by the loader (checks) and
 * the renderer (HCL templates).
 */
#include <stddef.h>

#include "util/buf.h"

enum tmpl_seg_kind { TMPL_LIT, TMPL_REF };

struct tmpl_seg {
	enum tmpl_seg_kind kind;
	struct buf lit;		/* TMPL_LIT: the literal bytes */
	char *scope;		/* TMPL_REF: "env" or the component */
	char *name;		/* TMPL_REF: variable or output */
};

struct tmpl {
	struct tmpl_seg *segs;
	size_t nr, alloc;
};

#define TMPL_INIT { NULL, 0, 0 }

/*
 * Splits s[0..len).  Returns 0, or -1 with a reason in `why` (static text)
 * and the byte offset of the bad `${` in *at.
 */
int tmpl_parse(struct tmpl *out, const char *s, size_t len, const char **why,
	       size_t *at);
/* 1 when the template is exactly one reference. */
int tmpl_is_whole_ref(const struct tmpl *t);
void tmpl_release(struct tmpl *t);
/* 1 for an identifier as references use them: [A-Za-z_][A-Za-z0-9_-]* */
int tmpl_is_name(const char *s, size_t len);

#endif
