#include <criterion/criterion.h>
#include <string.h>

#include "net/http.h"

TestSuite(net_http);

Test(net_http, backoff_stays_within_the_doubling_ceiling)
{
	static const struct { long base, cap; int n; long lo, hi; } cases[] = {
		{ 500, 30000, 0, 250, 500 },
		{ 500, 30000, 1, 500, 1000 },
		{ 500, 30000, 3, 2000, 4000 },
		{ 500, 30000, 10, 15000, 30000 },	/* capped */
		{ 20, 30000, 2, 40, 80 },
		{ 1, 1, 5, 1, 1 },
	};
	unsigned int seed = 42;
	size_t i;
	int k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (k = 0; k < 200; k++) {
			long d = http_backoff_ms(cases[i].base, cases[i].cap,
						 cases[i].n, &seed);

			cr_assert(d >= cases[i].lo && d <= cases[i].hi,
				  "case %zu: %ld not in [%ld, %ld]", i, d,
				  cases[i].lo, cases[i].hi);
		}
}

Test(net_http, backoff_is_jittered)
{
	unsigned int seed = 7;
	long first = http_backoff_ms(1000, 30000, 4, &seed);
	int k, differs = 0;

	for (k = 0; k < 50; k++)
		differs |= http_backoff_ms(1000, 30000, 4, &seed) != first;
	cr_assert(differs, "fifty equal delays: no jitter");
}

Test(net_http, retry_after_seconds_only)
{
	static const struct { const char *v; long ms; } cases[] = {
		{ "5", 5000 }, { " 0", 0 }, { "120", 120000 }, { "3\r", 3000 },
		{ NULL, -1 }, { "", -1 }, { "soon", -1 }, { "-1", -1 },
		{ "Wed, 21 Oct 2015 07:28:00 GMT", -1 }, { "5x", -1 },
		{ "99999", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert_eq(http_retry_after_ms(cases[i].v), cases[i].ms,
			     "'%s'", cases[i].v ? cases[i].v : "(null)");
}

Test(net_http, url_escape_table)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "abc-._~09", "abc-._~09" }, { "a b", "a%20b" },
		{ "x=1&y", "x%3D1%26y" }, { "\xc3\xbc", "%C3%BC" },
		{ "{\"p\":[]}", "%7B%22p%22%3A%5B%5D%7D" }, { "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		http_url_escape(&b, cases[i].in);
		cr_assert_str_eq(b.ptr, cases[i].out);
		buf_release(&b);
	}
}

Test(net_http, trace_redacts_secrets)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "Authorization: Basic YWxpY2U6c2VjcmV0\r\n", "Authorization: <redacted>" },
		{ "authorization: Bearer x", "authorization: <redacted>" },
		{ "Proxy-Authorization: Basic eA==", "Proxy-Authorization: <redacted>" },
		{ "Cookie: JSESSIONID.ab=1", "Cookie: <redacted>" },
		{ "Set-Cookie: JSESSIONID.ab=1; Path=/", "Set-Cookie: <redacted>" },
		{ "Jenkins-Crumb: 0123abcd", "Jenkins-Crumb: <redacted>" },
		{ "X-Text-Size: 42\r\n", "X-Text-Size: 42" },
		{ "GET /job/a/api/json HTTP/1.1", "GET /job/a/api/json HTTP/1.1" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		http_redact_line(&b, cases[i].in, strlen(cases[i].in));
		cr_assert_str_eq(b.ptr, cases[i].out);
		buf_release(&b);
	}
}

Test(net_http, unreachable_is_a_network_error_after_the_retries)
{
	struct http_options o;
	struct http_client *c = NULL;
	struct http_response r = HTTP_RESPONSE_INIT;
	struct http_request req = { .method = "GET", .idempotent = 1,
				    /* port 1 on loopback: refused at once */
				    .url = "http://127.0.0.1:1/" };
	struct err err = ERR_INIT;

	http_options_defaults(&o);
	o.max_retries = 2;
	o.retry_base_ms = 1;
	o.use_netrc = 0;
	cr_assert_eq(http_client_new(&c, &o, &err), 0);
	cr_assert_eq(http_do(c, &req, &r, &err), ERR_NETWORK);
	cr_assert_eq(http_client_requests(c), 3, "one try and two retries");
	cr_assert(strstr(err.msg.ptr, "Couldn't connect"), "%s", err.msg.ptr);
	http_response_release(&r);
	http_client_free(c);
	err_release(&err);
}

Test(net_http, post_is_not_retried_once_it_may_have_been_sent)
{
	struct http_options o;
	struct http_client *c = NULL;
	struct http_response r = HTTP_RESPONSE_INIT;
	struct http_request req = { .method = "POST", .url = "http://127.0.0.1:1/" };
	struct err err = ERR_INIT;

	http_options_defaults(&o);
	o.max_retries = 2;
	o.retry_base_ms = 1;
	cr_assert_eq(http_client_new(&c, &o, &err), 0);
	/* Refused connections were never sent: retried even for POST. */
	cr_assert_eq(http_do(c, &req, &r, &err), ERR_NETWORK);
	cr_assert_eq(http_client_requests(c), 3);
	http_response_release(&r);
	http_client_free(c);
	err_release(&err);
}
