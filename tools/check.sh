#!/bin/sh
# Style checks run by `make check`: banned libc calls, and formatting when clang-format is
# available. Exits non-zero on any finding.
set -u
cd "$(dirname "$0")/.."
status=0
files=$(find src tests/unit tools fuzz -name '*.[ch]' 2>/dev/null)
# Unbounded or unchecked libc calls we do not use (see ../shared/STYLE.md).
banned='\b(sprintf|vsprintf|strcpy|strcat|strncat|strtok|atoi|atol|atoll|gets|tmpnam)[[:space:]]*\('
if grep -nE "$banned" $files; then
	echo "check: banned call(s) above — use snprintf, memcpy with a checked length, parse_i64" >&2
	status=1
fi
if command -v clang-format >/dev/null 2>&1 && [ -f .clang-format ]; then
	if ! clang-format --dry-run -Werror $files >/dev/null 2>&1; then
		clang-format --dry-run $files 2>&1 | grep -E '^[^ ].*warning' | cut -d: -f1 | sort -u | sed 's/^/check: not formatted: /' >&2
		echo "check: run 'make format'" >&2
		status=1
	fi
fi
[ $status -eq 0 ] && echo "check: ok"
exit $status
