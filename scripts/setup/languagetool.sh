#!/usr/bin/env bash
# Fetch the LanguageTool 6.8 jars (English + what the server needs to start)
# from Maven Central into the cache folder. Idempotent: does nothing when the
# classpath for the current tools/lt/pom.xml is already there.
#
#   EMAILLINT_LT_HOME   cache folder (default ~/.cache/emaillint/languagetool)
#
# Prints the path of the classpath file on stdout. Needs java (17+) and mvn.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pom="$here/tools/lt/pom.xml"
lt_home="${EMAILLINT_LT_HOME:-$HOME/.cache/emaillint/languagetool}"

die() { echo "languagetool setup: $*" >&2; exit 1; }

[ -f "$pom" ] || die "missing $pom"
command -v java >/dev/null 2>&1 || die "java not found (LanguageTool 6.8 needs Java 17+)"
command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch LanguageTool from Maven Central)"

key="$(sha256sum "$pom" | cut -c1-16)"
cp_file="$lt_home/classpath-$key.txt"
if [ -s "$cp_file" ]; then
    missing=0
    IFS=: read -r -a jars < "$cp_file" || true  # the file has no final newline
    for j in "${jars[@]}"; do [ -f "$j" ] || { missing=1; break; }; done
    if [ "$missing" = 0 ]; then
        echo "$cp_file"
        exit 0
    fi
fi

mkdir -p "$lt_home"
echo "languagetool setup: fetching LanguageTool jars with Maven into $lt_home/m2 ..." >&2
tmp="$cp_file.tmp.$$"
# build-classpath: the jars stay in the Maven repo inside the cache folder (no second copy).
# The plugin version is pinned: a prefix-resolved newest one may need Maven 3.9.
if ! mvn -B -q -f "$pom" -Dmaven.repo.local="$lt_home/m2" \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp" >&2; then
    rm -f "$tmp"
    die "mvn could not fetch LanguageTool (is Maven Central reachable?)"
fi
[ -s "$tmp" ] || die "mvn wrote an empty classpath"
mv "$tmp" "$cp_file"
echo "$cp_file"
