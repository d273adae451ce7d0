#!/bin/sh
# The German translation is complete and compiled into the build tree, and
# a build-tree run picks it up through CHRONOSCOPE_LOCALEDIR.
#
#   test-translation.sh SRCDIR BUILDDIR

set -u

srcdir="$1"
builddir="$2"
status=0

fail ()
{
  echo "not ok: $*"
  status=1
}

stats=$(msgfmt -c --statistics -o /dev/null "$srcdir/po/de.po" 2>&1) ||
  fail "msgfmt -c rejects po/de.po: $stats"
echo "# $stats"
case "$stats" in
  *untranslated*|*fuzzy*) fail "po/de.po is incomplete: $stats" ;;
esac

mo="$builddir/po/de/LC_MESSAGES/chronoscope.mo"
[ -s "$mo" ] || fail "$mo was not built"

# A German locale of our own: the machine may have none installed.
locdir=$(mktemp -d)
trap 'rm -rf "$locdir"' EXIT
if localedef -i de_DE -f UTF-8 "$locdir/de_DE.UTF-8" >/dev/null 2>&1; then
  help=$(env -u LC_ALL -u LANGUAGE LOCPATH="$locdir" LANG=de_DE.UTF-8 \
           CHRONOSCOPE_LOCALEDIR="$builddir/po" \
           "$builddir/src/chronoscope" --help 2>&1)
  case "$help" in
    *"Lebensläufe und Firmengeschichten"*) echo "ok: --help is in German" ;;
    *) fail "--help is not in German: $help" ;;
  esac
else
  echo "# localedef cannot make de_DE.UTF-8 here: --help left unchecked"
fi

exit $status
