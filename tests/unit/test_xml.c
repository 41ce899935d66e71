#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xml.h"

TestSuite(xml);

static void check(const char *in, size_t len, const char *want)
{
	struct buf b = BUF_INIT;

	xml_escape(&b, in, len);
	cr_assert_str_eq(b.ptr, want, "case '%s'", want);
	buf_release(&b);
}

Test(xml, markup_characters_become_entities)
{
	check("a<b>&\"c'", 8, "a&lt;b&gt;&amp;&quot;c'");
}

Test(xml, tab_lf_cr_survive_as_references)
{
	check("a\tb\nc\rd", 7, "a&#9;b&#10;c&#13;d");
}

Test(xml, other_controls_become_the_replacement_character)
{
	check("\x01x\x1f\0y", 5, "\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbdy");
	check("\x7f", 1, "\x7f");	/* DEL is allowed in XML 1.0 */
	check("caf\xc3\xa9", 5, "caf\xc3\xa9");
}

Test(xml, string_form_and_null)
{
	struct buf b = BUF_INIT;

	xml_escape_str(&b, NULL);
	cr_assert_eq(b.len, 0);
	xml_escape_str(&b, "<x>");
	cr_assert_str_eq(b.ptr, "&lt;x&gt;");
	buf_release(&b);
}

/* Whatever the input byte, the output parses as XML 1.0. */
Test(xml, every_byte_gives_well_formed_xml)
{
	struct buf doc = BUF_INIT;
	char in[256];
	char path[] = "/tmp/test_xml.XXXXXX";
	int i, fd;
	FILE *f;

	for (i = 0; i < 255; i++)
		in[i] = (char)(i + 1);
	in[255] = 0;
	buf_addstr(&doc, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r a=\"");
	xml_escape(&doc, in, 255);
	buf_addstr(&doc, "\">");
	xml_escape(&doc, in, 255);
	buf_addstr(&doc, "</r>\n");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "w");
	fwrite(doc.ptr, 1, doc.len, f);
	fclose(f);
	{
		struct buf cmd = BUF_INIT;

		buf_addf(&cmd, "xmllint --noout %s 2>&1", path);
		cr_expect_eq(system(cmd.ptr), 0, "not well-formed: %s", path);
		buf_release(&cmd);
	}
	unlink(path);
	buf_release(&doc);
}

Test(xml, bytes_that_are_not_utf8_become_the_replacement_character)
{
	/* é passes; a lone continuation byte, an overlong form, a surrogate
	 * and a truncated sequence do not; C0 80 (a kept NUL) is one U+FFFD */
	check("\xc3\xa9", 2, "\xc3\xa9");
	check("a\x80z", 3, "a\xef\xbf\xbdz");
	check("\xc1\xbf", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	check("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check("\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd");
	check("x\xc0\x80y", 4, "x\xef\xbf\xbdy");
}
