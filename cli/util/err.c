#include "util/err.h"

#include <stdarg.h>

int err_set(struct err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code)
		return err ? err->code : code;
	err->code = code ? code : ERR_GENERIC;
	va_start(ap, fmt);
	buf_vaddf(&err->msg, fmt, ap);
	va_end(ap);
	return err->code;
}

int err_prefix(struct err *err, const char *fmt, ...)
{
	struct buf prefix = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&prefix, fmt, ap);
	va_end(ap);
	buf_addstr(&prefix, ": ");
	buf_add(&prefix, err->msg.ptr, err->msg.len);
	buf_release(&err->msg);
	err->msg = prefix;
	return err->code;
}

int err_is_set(const struct err *err)
{
	return err->code != ERR_OK;
}

void err_clear(struct err *err)
{
	err->code = ERR_OK;
	buf_reset(&err->msg);
}

void err_release(struct err *err)
{
	if (!err)
		return;
	buf_release(&err->msg);
	err->code = ERR_OK;
}
