#ifndef UTIL_BANNED_H
#define UTIL_BANNED_H

/*
 * Functions that are easy to misuse, turned into compile errors (git's
 * banned.h).  Force-included by CMake into every file under cli/ and
 * tests/unit/.  Use struct buf, xasprintf, strtol/strtoll,
 * gmtime_r/localtime_r, strftime, a strchr() loop and mkstemp.
 */
/* Declare them first, so that later includes of these headers are no-ops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef mktemp
#define mktemp(x) BANNED(mktemp)
/* static or unsized buffers; strtok_r hides its state: loop with strchr */
#undef ctime
#define ctime(t) BANNED(ctime)
#undef ctime_r
#define ctime_r(t, b) BANNED(ctime_r)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef asctime_r
#define asctime_r(t, b) BANNED(asctime_r)
#undef strtok_r
#define strtok_r(x, y, s) BANNED(strtok_r)

#endif
