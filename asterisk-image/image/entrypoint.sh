#!/bin/sh
# EdgeCall Asterisk entrypoint: put the configuration the appliance rendered
# (renderAll in asterisk-image/src) into /etc/asterisk, then run Asterisk in
# the foreground as the unprivileged asterisk user.
#
# Environment:
#   EDGECALL_CONFIG_DIR   where the appliance writes the files (default /etc/edgecall/asterisk,
#                         mount it read-only)
#   EDGECALL_CONFIG_MODE  link (default): /etc/asterisk/<file> becomes a symlink into the
#                         config dir, so a file the appliance atomically replaces is what
#                         Asterisk reads on the next reload, without restarting the container;
#                         copy: files are copied once at start (a restart applies changes)
#   ASTERISK_ARGS         extra arguments for asterisk (default: none)
set -eu

SRC="${EDGECALL_CONFIG_DIR:-/etc/edgecall/asterisk}"
MODE="${EDGECALL_CONFIG_MODE:-link}"
DST=/etc/asterisk

# Every file renderAll can produce (ASTERISK_CONFIG_FILES in render-all.ts).
FILES="ari.conf chan_dahdi.conf extensions.conf http.conf indications.conf logger.conf modules.conf musiconhold.conf pjsip.conf rtp.conf sorcery.conf"
# Without these, Asterisk would start with sample configs: no ARI user, demo dialplan.
REQUIRED="ari.conf http.conf extensions.conf pjsip.conf sorcery.conf modules.conf"

log() { echo "edgecall-asterisk: $*" >&2; }

case "$MODE" in
  link|copy) ;;
  *) log "EDGECALL_CONFIG_MODE must be 'link' or 'copy', not '$MODE'"; exit 64 ;;
esac

missing=""
for f in $REQUIRED; do
  [ -f "$SRC/$f" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
  log "missing rendered config in $SRC:$missing"
  log "the appliance writes these files (renderAll); mount its output directory at $SRC"
  exit 64
fi

# Let the asterisk user read files it does not own: the rendered config (0640,
# group of the config dir) and the DAHDI devices (group of /dev/dahdi/ctl).
join_group_of() {
  path="$1"
  [ -e "$path" ] || return 0
  gid="$(stat -c %g "$path")"
  [ "$gid" = "0" ] && return 0
  group="$(getent group "$gid" | cut -d: -f1 || true)"
  if [ -z "$group" ]; then
    group="edgecall-g$gid"
    groupadd --gid "$gid" "$group"
  fi
  usermod --append --groups "$group" asterisk
}
join_group_of "$SRC"
join_group_of /dev/dahdi/ctl

for f in $FILES; do
  if [ -f "$SRC/$f" ]; then
    rm -f "$DST/$f"
    if [ "$MODE" = link ]; then
      ln -s "$SRC/$f" "$DST/$f"
    else
      install -m 0640 -o asterisk -g asterisk "$SRC/$f" "$DST/$f"
    fi
  elif [ -L "$DST/$f" ]; then
    # A file the appliance no longer renders (e.g. chan_dahdi.conf after the cards
    # were removed): drop the dangling link rather than fall back to a sample.
    rm -f "$DST/$f"
  fi
done

# Volumes may arrive owned by root; Asterisk must write astdb, recordings and logs.
for d in /var/lib/asterisk/db /var/spool/asterisk /var/spool/asterisk/recording /var/log/asterisk /var/run/asterisk; do
  mkdir -p "$d"
  chown asterisk:asterisk "$d"
done
[ -f /var/lib/asterisk/db/astdb.sqlite3 ] && chown asterisk:asterisk /var/lib/asterisk/db/astdb.sqlite3

if [ ! -e /dev/dahdi/ctl ] && [ -f "$SRC/chan_dahdi.conf" ]; then
  log "chan_dahdi.conf is configured but /dev/dahdi is not available: E1/FXO lines will be down"
  log "(load DAHDI on the host and pass the devices, e.g. --device /dev/dahdi)"
fi

log "config from $SRC ($MODE); starting Asterisk"
# -f: foreground (the container's main process), -n: no colours in logs.
# shellcheck disable=SC2086
exec /usr/sbin/asterisk -f -n -U asterisk -G asterisk ${ASTERISK_ARGS:-}
