#!/usr/bin/env bash
# Regenerates the usage block of README.md from `factcheck --help`.
#
# The block sits between `<!-- usage -->` and `<!-- /usage -->`; a README
# that has only the opening marker gets the whole block in its place.
# tests/readme.rs fails when the block and the binary disagree.
set -euo pipefail
cd "$(dirname "$0")/.."

help_file=$(mktemp)
trap 'rm -f "$help_file" "$help_file.readme"' EXIT
# No COLUMNS and no terminal: clap wraps at the binary's own 79 columns.
env -u COLUMNS cargo run --quiet -- --help </dev/null | cat >"$help_file"

awk -v help_file="$help_file" '
    function block() {
        print "<!-- usage -->"
        print "```text"
        while ((getline line < help_file) > 0) print line
        close(help_file)
        print "```"
        print "<!-- /usage -->"
    }
    $0 == "<!-- usage -->" { block(); skipping = 1; found = 1; next }
    skipping && $0 == "<!-- /usage -->" { skipping = 0; next }
    # Only the opening marker: stop skipping at the next section.
    skipping && /^## / { skipping = 0; print ""; print; next }
    skipping { next }
    { print }
    END { if (!found) { print "README.md has no <!-- usage --> marker" > "/dev/stderr"; exit 1 } }
' README.md >"$help_file.readme"
cat "$help_file.readme" >README.md
echo "README.md: usage block updated" >&2
