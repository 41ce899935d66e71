#ifndef CMD_APPLY_BUNDLE_H
#define CMD_APPLY_BUNDLE_H

/*
 * `apply ENV --bundle FILE`: reads and verifies the bundle (every digest,
 * its environment, its commit against HEAD, its stack file and rendered
 * files against the checkout) and extracts its plans into a fresh private
 * directory, which apply then uses as --plan DIR.  Nothing is extracted
 * unless the archive, its digests, the commit and the checkout check out;
 * the plan manifest is then read from the extraction (apply's own loader)
 * and must name only plan files of the bundle.  Prints its own errors; returns an exit
 * code (0 to go on) and the plan directory in *plan_dir (caller frees it
 * after apply_bundle_cleanup()).
 */
int apply_bundle_open(char **plan_dir, const char *file, const char *env,
		      const char *root);
/* Removes the extracted directory (NULL is fine). */
void apply_bundle_cleanup(const char *plan_dir);

#endif
