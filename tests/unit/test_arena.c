/*
 * test_arena.c — base/arena: alignment of every allocation, big allocations that get a
 * block of their own, many small allocations spanning blocks without overlap, zeroing,
 * string copies and printf, and cleanup hooks that run newest first at arena_free().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

static void test_alloc_is_aligned_for_any_object(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	static const size_t sizes[] = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255, 257, 1000, 4097};
	for (int round = 0; round < 20; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			void *p = arena_alloc(a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
			memset(p, 0xAB, sizes[i]); /* ASan flags any overrun */
		}
	}
	arena_free(a);
}

static void test_zero_size_alloc_is_usable(void **state)
{
	(void)state;
	struct arena *a = arena_new(64);
	void *p = arena_alloc(a, 0);
	void *q = arena_alloc(a, 1);
	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
	arena_free(a);
}

static void test_small_allocations_across_blocks_do_not_overlap(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	enum { N = 2000, SZ = 24 };
	unsigned char *ptrs[N];
	for (int i = 0; i < N; i++) {
		ptrs[i] = arena_alloc(a, SZ);
		memset(ptrs[i], i & 0xFF, SZ);
	}
	for (int i = 0; i < N; i++)
		for (int k = 0; k < SZ; k++)
			assert_int_equal(ptrs[i][k], i & 0xFF);
	/* 2000 allocations of 24 bytes hand out at least 48000 bytes. */
	assert_true(arena_used(a) >= (size_t)N * SZ);
	arena_free(a);
}

static void test_big_allocation_gets_whole_requested_size(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	char *small1 = arena_strdup(a, "before");
	size_t big_n = (1u << 20) + 12345; /* larger than the largest regular block */
	unsigned char *big = arena_alloc(a, big_n);
	assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
	memset(big, 0x5A, big_n);
	char *small2 = arena_strdup(a, "after");
	assert_int_equal(big[0], 0x5A);
	assert_int_equal(big[big_n - 1], 0x5A);
	assert_string_equal(small1, "before");
	assert_string_equal(small2, "after");
	assert_true(arena_used(a) >= big_n + 7 + 6);
	/* Several big ones in a row. */
	for (int i = 0; i < 4; i++) {
		unsigned char *p = arena_alloc(a, 300000);
		memset(p, i, 300000);
		assert_int_equal(p[299999], i);
	}
	arena_free(a);
}

static void test_zalloc_zero_fills(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	/* Dirty some memory first so a fresh block's contents cannot explain the zeros. */
	for (int i = 0; i < 10; i++)
		memset(arena_alloc(a, 100), 0xFF, 100);
	unsigned char *z = arena_zalloc(a, 5000);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(z[i], 0);
	arena_free(a);
}

static void test_grow_keeps_elements_in_order(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	int64_t *v = NULL;
	size_t n = 0, cap = 0;
	for (int64_t i = 0; i < 1000; i++) {
		v = arena_grow(a, v, n, &cap, sizeof *v);
		assert_true(n < cap);
		v[n++] = i * 7;
	}
	assert_true(cap >= 1000 && cap < 2048);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int64_t)i * 7);
	/* an array with room left stays where it is */
	size_t before = cap;
	assert_ptr_equal(arena_grow(a, v, n, &cap, sizeof *v), v);
	assert_int_equal(cap, before);
	arena_free(a);
}

static void test_strdup_and_strndup(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	assert_null(arena_strdup(a, NULL));
	char src[] = "partner";
	char *d = arena_strdup(a, src);
	assert_ptr_not_equal(d, src);
	assert_string_equal(d, "partner");
	src[0] = 'X';
	assert_string_equal(d, "partner"); /* a copy, not an alias */
	assert_string_equal(arena_strdup(a, ""), "");
	char *n = arena_strndup(a, "channelbase", 7);
	assert_string_equal(n, "channel");
	assert_string_equal(arena_strndup(a, "abc", 0), "");
	/* Bytes after a NUL within len are copied verbatim and terminated at len. */
	char *m = arena_strndup(a, "ab\0cd", 5);
	assert_memory_equal(m, "ab\0cd", 6);
	arena_free(a);
}

static void test_printf_short_and_long(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	assert_string_equal(arena_printf(a, "%s-%d-%05.1f", "deal", 42, 3.5), "deal-42-003.5");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	char big[3001];
	memset(big, 'q', 3000);
	big[3000] = '\0';
	char *p = arena_printf(a, "<%s>", big);
	assert_int_equal(strlen(p), 3002);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[1], 'q');
	assert_int_equal(p[3000], 'q');
	assert_int_equal(p[3001], '>');
	arena_free(a);
}

static int order[16];
static int norder;

static void record(void *arg)
{
	order[norder++] = *(int *)arg;
}

static void test_defer_runs_newest_first_at_free(void **state)
{
	(void)state;
	static int ids[] = {1, 2, 3, 4};
	norder = 0;
	struct arena *a = arena_new(256);
	arena_defer(a, record, &ids[0]);
	arena_defer(a, record, &ids[1]);
	/* Allocations in between (including a new block) do not disturb the list. */
	for (int i = 0; i < 50; i++)
		arena_alloc(a, 200);
	arena_defer(a, record, &ids[2]);
	arena_defer(a, record, &ids[3]);
	assert_int_equal(norder, 0); /* nothing runs before the free */
	arena_free(a);
	assert_int_equal(norder, 4);
	assert_int_equal(order[0], 4);
	assert_int_equal(order[1], 3);
	assert_int_equal(order[2], 2);
	assert_int_equal(order[3], 1);
}

static char *seen_in_cleanup;

static void read_arena_string(void *arg)
{
	/* Hooks run before the blocks go, so arena memory is still readable here. */
	seen_in_cleanup = strdup((const char *)arg);
}

static void test_defer_may_use_arena_memory(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	char *s = arena_strdup(a, "still here");
	arena_defer(a, read_arena_string, s);
	arena_free(a);
	assert_non_null(seen_in_cleanup);
	assert_string_equal(seen_in_cleanup, "still here");
	free(seen_in_cleanup);
	seen_in_cleanup = NULL;
}

static void test_free_null_is_noop(void **state)
{
	(void)state;
	arena_free(NULL);
}

static void test_used_grows(void **state)
{
	(void)state;
	struct arena *a = arena_new(256);
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 10);
	size_t u1 = arena_used(a);
	assert_true(u1 >= 10);
	arena_alloc(a, 100);
	assert_true(arena_used(a) >= u1 + 100);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_is_aligned_for_any_object),
		cmocka_unit_test(test_zero_size_alloc_is_usable),
		cmocka_unit_test(test_small_allocations_across_blocks_do_not_overlap),
		cmocka_unit_test(test_big_allocation_gets_whole_requested_size),
		cmocka_unit_test(test_zalloc_zero_fills),
		cmocka_unit_test(test_grow_keeps_elements_in_order),
		cmocka_unit_test(test_strdup_and_strndup),
		cmocka_unit_test(test_printf_short_and_long),
		cmocka_unit_test(test_defer_runs_newest_first_at_free),
		cmocka_unit_test(test_defer_may_use_arena_memory),
		cmocka_unit_test(test_free_null_is_noop),
		cmocka_unit_test(test_used_grows),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
