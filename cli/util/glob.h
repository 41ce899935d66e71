#ifndef UTIL_GLOB_H
#define UTIL_GLOB_H

/*
 * Globs for waivers.  With `paths` set, '*' and '?' stay within one path
 * segment and a double star crosses '/' (so "a/" + double star matches
 * everything under a/, and double star + "/x" matches x at any depth), as
 * Trivy's ignore paths and .gitignore do.  Without it '*' matches anything
 * (rule ids, resource addresses).
 */
int glob_match(const char *pattern, const char *s, int paths);

#endif
