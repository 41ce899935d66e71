/*
 * The same finding read twice (one report given twice, or an image scanned
 * by two jobs whose reports are both passed) counts once.  Findings are the
 * same when their fingerprints are, which covers the tool, category, rule,
 * path and anchor.  A fingerprint may repeat inside one report (the same
 * CVE in two versions of one package): those stay, so for each fingerprint
 * the gate keeps as many findings as the one source that has most of them.
 * Of two copies the worse is kept (open over suppressed, then the more
 * severe): a rescan that rates a CVE critical must not hide behind an
 * older report that rated it low.
 */
#include "gate/finding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xalloc.h"

struct seen {
	unsigned source;	/* the source counted in `cur` */
	size_t cur;		/* occurrences in that source so far */
	size_t kept;		/* the most in any one source */
	size_t first_out;	/* where the first copy kept is */
};

/* How bad a finding is: an unknown severity counts as high by default. */
static int badness(const struct finding *f)
{
	int sev = f->severity == SEV_UNKNOWN ? SEV_HIGH : (int)f->severity;

	return (f->suppressed ? 0 : 100) + (SEV_COUNT - sev);
}

size_t gate_dedup(struct gate_input *in)
{
	struct strmap index = STRMAP_INIT;
	struct seen *seen = xcalloc(in->nr + 1, sizeof(*seen));
	size_t i, out = 0, nr_seen = 0, dropped;

	if (in->nr_sources < 2) {	/* one source: nothing can repeat another */
		free(seen);
		return 0;
	}
	gate_fingerprints(in);
	for (i = 0; i < in->nr; i++) {
		struct finding *f = &in->findings[i];
		uintptr_t at = (uintptr_t)strmap_get(&index, f->fingerprint, NULL);
		struct seen *s;

		if (!at) {
			at = ++nr_seen;
			strmap_put(&index, f->fingerprint, (void *)at);
			seen[at - 1].source = f->source;
		}
		s = &seen[at - 1];
		if (s->source != f->source) {
			s->source = f->source;
			s->cur = 0;
		}
		if (++s->cur <= s->kept) {	/* another source had it already */
			if (badness(f) > badness(&in->findings[s->first_out]))
				in->findings[s->first_out] = *f;
			continue;
		}
		if (!s->kept)
			s->first_out = out;
		s->kept = s->cur;
		in->findings[out++] = *f;
	}
	dropped = in->nr - out;
	in->duplicates += dropped;
	in->nr = out;
	strmap_release(&index);
	free(seen);
	return dropped;
}
