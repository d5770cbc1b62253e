/*
 * test_alloc.c — base/alloc: the binary's malloc is the one its build says. In the release
 * build (-DCB_MIMALLOC) a plain malloc, a strdup from the C library and SQLite's own
 * allocations must land in mimalloc's heap — the link order is what makes that so, and a
 * change to it would silently bring glibc's allocator back. The sanitizer build keeps
 * AddressSanitizer's allocator and says "glibc malloc".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/alloc.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#ifdef CB_MIMALLOC
#include <mimalloc.h>
#endif

static void test_name_matches_build(void **state)
{
	(void)state;
#ifdef CB_MIMALLOC
	assert_int_equal(strncmp(alloc_name(), "mimalloc ", 9), 0);
	assert_true(strlen(alloc_name()) >= strlen("mimalloc 2.0.0"));
#else
	assert_string_equal(alloc_name(), "glibc malloc");
#endif
}

static void test_every_malloc_is_served_by_it(void **state)
{
	(void)state;
	void *small = malloc(24), *big = malloc(3 << 20);
	char *dup = strdup("from the C library");
	void *lite = sqlite3_malloc(100);
	assert_non_null(small);
	assert_non_null(big);
	assert_non_null(dup);
	assert_non_null(lite);
#ifdef CB_MIMALLOC
	assert_true(mi_is_in_heap_region(small));
	assert_true(mi_is_in_heap_region(big));
	assert_true(mi_is_in_heap_region(dup));
	assert_true(mi_is_in_heap_region(lite)); /* inside the block SQLite got from malloc */
#endif
	sqlite3_free(lite);
	free(dup);
	free(big);
	free(small);
}

static void test_tune_is_harmless(void **state)
{
	(void)state;
	alloc_tune_server();
	void *p = malloc(5 << 20); /* past glibc's tuned mmap threshold */
	assert_non_null(p);
	memset(p, 1, 5 << 20);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_matches_build),
		cmocka_unit_test(test_every_malloc_is_served_by_it),
		cmocka_unit_test(test_tune_is_harmless),
	};
	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
