#!/bin/sh
# Make Khabar's macOS disk image from build/dist/Khabar.app (run on macOS).
#
#   python packaging/build.py macos     # builds Khabar.app, then runs this script
#   packaging/macos/make_dmg.sh VERSION # or by hand, once Khabar.app is built
#
# Output: build/packages/khabar-VERSION-macos-ARCH.dmg, a compressed (UDZO)
# image holding Khabar.app and a link to /Applications to drag it onto. The
# app is signed ad hoc so that it runs on the machine that built it; to give it
# to others, sign it with a Developer ID and notarize it (packaging/README.md).
set -eu

VERSION="${1:?usage: make_dmg.sh VERSION}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="$ROOT/build/dist/Khabar.app"
OUT="$ROOT/build/packages"
ARCH="$(uname -m)"
DMG="$OUT/khabar-$VERSION-macos-$ARCH.dmg"

[ -d "$APP" ] || { echo "no $APP: run python packaging/build.py macos" >&2; exit 1; }
mkdir -p "$OUT"

# The version the app says must be the one asked for.
SAID="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")"
[ "$SAID" = "$VERSION" ] || { echo "Khabar.app is version $SAID, not $VERSION" >&2; exit 1; }

codesign --force --deep --sign - "$APP"
"$APP/Contents/MacOS/khabar" --selftest

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Khabar $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
echo "$DMG"
