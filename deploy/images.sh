#!/usr/bin/env bash
# Container images of every service and the gateway, built by the .NET SDK (dotnet publish -t:PublishContainer),
# without Docker. The deployment (deploy/k8s) runs them.
#
#   deploy/images.sh build [TAG]   one image per process → .local/images/<name>.tar (OCI archive), then checks them
#   deploy/images.sh check         checks the built images: non-root user 1654, port 8080, entrypoint; and that one of
#                                  them starts as that user from its own file system (chroot) and migrates its database
#
# The base image. In the ministry's CI: the official mcr.microsoft.com/dotnet/aspnet:10.0 (SI_BASE_IMAGE=…; it is
# what the SDK picks by default). This machine cannot reach mcr.microsoft.com, so by default the script builds an
# equivalent base — Debian 12's own runtime libraries (glibc, libstdc++, ICU, OpenSSL, zlib, CA certificates, time
# zones: from this machine's packages, as `dpkg -L` lists them) plus the ASP.NET Core runtime of this SDK, user app
# (1654) — and serves it from a local registry (Debian's docker-registry, on localhost:5055) for the SDK to build on.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source deploy/infra.sh # helpers: apt_install, log, die

OUT="$LOCAL/images"
REGISTRY_PORT="${SI_REGISTRY_PORT:-5055}"
REGISTRY="localhost:$REGISTRY_PORT" # "localhost": the SDK speaks plain HTTP to it (a local registry has no certificate)
APP_UID=1654
# name  project
IMAGES=(
  "identity services/identity/SemaineIndustrie.Identity.csproj"
  "submission services/submission/SemaineIndustrie.Submission.csproj"
  "labelling-review services/labelling-review/SemaineIndustrie.LabellingReview.csproj"
  "geocoding services/geocoding/SemaineIndustrie.Geocoding.csproj"
  "publication services/publication/SemaineIndustrie.Publication.csproj"
  "notification services/notification/SemaineIndustrie.Notification.csproj"
  "web web/SemaineIndustrie.Web/SemaineIndustrie.Web.csproj"
  "gateway gateway/SemaineIndustrie.Gateway.csproj"
)

tools() {
  local missing=()
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v skopeo >/dev/null || missing+=(skopeo)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
}

registry_up() {
  local pidfile="$OUT/registry.pid"
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  mkdir -p "$OUT/registry"
  cat > "$OUT/registry/config.yml" <<CONF
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $OUT/registry/data }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$REGISTRY_PORT }
CONF
  (exec setsid docker-registry serve "$OUT/registry/config.yml") >"$OUT/registry/registry.log" 2>&1 &
  echo $! > "$pidfile"
  local deadline=$((SECONDS + 30))
  until curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1; do
    [[ $SECONDS -lt $deadline ]] || { cat "$OUT/registry/registry.log" >&2; die "the local registry did not start"; }
    sleep 0.2
  done
}

registry_stop() {
  local pidfile="$OUT/registry.pid"
  [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

sha() { sha256sum "$1" | cut -d' ' -f1; }

# The base image, as an OCI layout pushed to the local registry. Prints its reference.
base_image() {
  local runtime; runtime=$(dotnet --list-runtimes | awk '/^Microsoft.AspNetCore.App /{print $2}' | sort -V | tail -1)
  local dotnet_root; dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  local ref="$REGISTRY/semaine-industrie/aspnet:$runtime"
  if skopeo inspect --tls-verify=false "docker://$ref" >/dev/null 2>&1; then echo "$ref"; return 0; fi
  log "building the base image $ref (Debian 12 libraries + ASP.NET Core $runtime)"
  local work="$OUT/base" rootfs="$OUT/base/rootfs"
  rm -rf "$work"; mkdir -p "$rootfs/usr/bin" "$rootfs/usr/lib" "$rootfs/usr/lib64" "$rootfs/usr/sbin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/app" "$rootfs/home/app"
  ln -s usr/bin "$rootfs/bin"; ln -s usr/lib "$rootfs/lib"; ln -s usr/lib64 "$rootfs/lib64"; ln -s usr/sbin "$rootfs/sbin"
  local pkg
  for pkg in libc6 libgcc-s1 libstdc++6 libicu72 libssl3 zlib1g ca-certificates tzdata; do
    dpkg -L "$pkg" | while read -r f; do [[ -f $f || -L $f ]] && [[ $f != /usr/share/doc/* && $f != /usr/share/man/* && $f != /usr/share/lintian/* ]] && echo "${f#/}"; done
  done | sort -u | tar -C / -cf - -T - | tar -C "$rootfs" --keep-directory-symlink -xf -
  cp -aL /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt" 2>/dev/null || { mkdir -p "$rootfs/etc/ssl/certs"; cp -L /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"; }
  ln -sf /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
  mkdir -p "$rootfs/usr/share/dotnet/shared" "$rootfs/usr/share/dotnet/host"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$rootfs/usr/share/dotnet/"
  cp -a "$dotnet_root/host/fxr" "$rootfs/usr/share/dotnet/host/"
  local fw
  for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$rootfs/usr/share/dotnet/shared/$fw"; cp -a "$dotnet_root/shared/$fw/$runtime" "$rootfs/usr/share/dotnet/shared/$fw/"
  done
  ln -s ../share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:%s:%s::/home/app:/usr/sbin/nologin\n' $APP_UID $APP_UID > "$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:%s:\n' $APP_UID > "$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"; chown $APP_UID:$APP_UID "$rootfs/home/app" 2>/dev/null || true

  # OCI layout: one layer, its config, the manifest.
  local layout="$work/oci"; mkdir -p "$layout/blobs/sha256"
  tar -C "$rootfs" --sort=name --numeric-owner --mtime=@0 -cf "$work/layer.tar" .
  local diff_id; diff_id=$(sha "$work/layer.tar")
  gzip -n -6 < "$work/layer.tar" > "$work/layer.tar.gz"
  local layer; layer=$(sha "$work/layer.tar.gz"); cp "$work/layer.tar.gz" "$layout/blobs/sha256/$layer"
  # The C library's allocator settings every process gets (deploy/platform.settings), as image defaults.
  local malloc_env; malloc_env=$(grep -E '^\*[[:space:]]+MALLOC_' "$ROOT/deploy/platform.settings" | awk '{printf "\"%s=%s\",", $2, $3}')
  cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"User":"$APP_UID","WorkingDir":"/app",
 "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP_UID=$APP_UID","ASPNETCORE_HTTP_PORTS=8080","DOTNET_RUNNING_IN_CONTAINER=true",$malloc_env"DOTNET_VERSION=$runtime","ASPNET_VERSION=$runtime"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"deploy/images.sh: Debian 12 runtime libraries and ASP.NET Core $runtime"}]}
JSON
  local config; config=$(sha "$work/config.json"); cp "$work/config.json" "$layout/blobs/sha256/$config"
  cat > "$work/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:$config","size":$(stat -c %s "$work/config.json")},
 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:$layer","size":$(stat -c %s "$work/layer.tar.gz")}]}
JSON
  local manifest; manifest=$(sha "$work/manifest.json"); cp "$work/manifest.json" "$layout/blobs/sha256/$manifest"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}\n' \
    "$manifest" "$(stat -c %s "$work/manifest.json")" "$runtime" > "$layout/index.json"
  skopeo copy --quiet --dest-tls-verify=false "oci:$layout:$runtime" "docker://$ref" >&2
  rm -rf "$rootfs" "$work/layer.tar"
  echo "$ref"
}

build() {
  local tag=${1:-$(git describe --tags --always 2>/dev/null || echo dev)}
  mkdir -p "$OUT"
  local base="${SI_BASE_IMAGE:-}"
  if [[ -z $base ]]; then tools; registry_up; base=$(base_image); fi
  local line name project
  for line in "${IMAGES[@]}"; do
    read -r name project <<<"$line"
    log "image semaine-industrie/$name:$tag (dotnet publish -t:PublishContainer)"
    dotnet publish "$project" -c Release --nologo -v quiet -clp:ErrorsOnly \
      -t:PublishContainer -p:ContainerBaseImage="$base" -p:ContainerRepository="semaine-industrie/$name" \
      -p:ContainerImageTags="$tag" -p:ContainerUser=$APP_UID -p:ContainerArchiveOutputPath="$OUT/$name.tar" >"$OUT/$name.log" 2>&1 \
      || { grep -v '^\s*at ' "$OUT/$name.log" | tail -20 >&2; die "the $name image did not build"; }
  done
  [[ -z ${SI_BASE_IMAGE:-} ]] && registry_stop
  check
}

# Each archive: user 1654, port 8080, entrypoint `dotnet <service>.dll`. Then the publication image runs for real:
# its layers unpacked into a directory, started by chroot as user 1654 (with /proc, /dev and /sys mounted, as a
# container runtime provides them, in a private mount namespace) with Database:MigrateOnly=true against the
# project-local PostgreSQL (deploy/infra.sh), it must migrate a fresh database and exit 0.
check() {
  command -v skopeo >/dev/null || tools
  local line name problems=0
  for line in "${IMAGES[@]}"; do
    read -r name _ <<<"$line"
    local archive="$OUT/$name.tar"
    [[ -f $archive ]] || { echo "[images] $name: no $archive"; problems=$((problems + 1)); continue; }
    local config; config=$(skopeo inspect --config "oci-archive:$archive")
    local user ports entry
    user=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"].get("User",""))' <<<"$config")
    ports=$(python3 -c 'import json,sys; print(",".join(sorted(json.load(sys.stdin)["config"].get("ExposedPorts",{}))))' <<<"$config")
    entry=$(python3 -c 'import json,sys; c=json.load(sys.stdin)["config"]; print(" ".join((c.get("Entrypoint") or [])+(c.get("Cmd") or [])))' <<<"$config")
    local size; size=$(du -m "$archive" | cut -f1)
    if [[ $user == "$APP_UID" && $ports == 8080/tcp && $entry == *.dll* ]]; then
      echo "[images] $name: user $user, port $ports, entrypoint '$entry', ${size} MB"
    else
      echo "[images] $name: PROBLEM user '$user' ports '$ports' entrypoint '$entry'"; problems=$((problems + 1))
    fi
  done
  [[ $problems -eq 0 ]] || die "$problems image problem(s)"
  [[ $(id -u) -eq 0 ]] || { log "not root: the start-up check (chroot) is skipped"; return 0; }
  run_publication_image
}

run_publication_image() {
  [[ -f $ENV_FILE ]] || die "no $ENV_FILE: run deploy/infra.sh up"
  set -a; source "$ENV_FILE"; set +a
  local root="$OUT/run-publication"; rm -rf "$root"; mkdir -p "$root/fs" "$root/image"
  rmdir "$root/image"; skopeo copy --quiet "oci-archive:$OUT/publication.tar" "dir:$root/image"
  local layer
  for layer in $(python3 -c 'import json,sys; print(" ".join(l["digest"].split(":")[1] for l in json.load(open(sys.argv[1]))["layers"]))' "$root/image/manifest.json"); do
    tar -C "$root/fs" --keep-directory-symlink -xzf "$root/image/$layer"
  done
  local db=si_image_check
  local psql; psql="$(pg_bin)/psql"
  PGOPTIONS='-c client_min_messages=warning' PGPASSWORD=$PG_PASSWORD "$psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  # The image's entrypoint, its relative paths made absolute from its working directory (the image has no shell to cd).
  local entry; entry=$(skopeo inspect --config "oci-archive:$OUT/publication.tar" | python3 -c '
import json,sys; c=json.load(sys.stdin)["config"]; w=c.get("WorkingDir") or "/"
print(" ".join(a if a.startswith("/") or not a.endswith(".dll") else w.rstrip("/")+"/"+a for a in (c.get("Entrypoint") or [])+(c.get("Cmd") or [])), "--contentRoot", w)')
  local started=$SECONDS chroot; chroot=$(command -v chroot)
  if ! env -i PATH=/usr/bin:/bin HOME=/home/app ASPNETCORE_ENVIRONMENT=Production Database__MigrateOnly=true \
      "ConnectionStrings__Postgres=$SI_POSTGRES;Database=$db" "ConnectionStrings__RabbitMq=amqp://nobody:nothing@127.0.0.1:1/" \
      Auth__Authority=http://127.0.0.1:1/ Auth__Audience=si-publication \
      unshare --mount --fork -- sh -c 'mkdir -p "$1/proc" "$1/dev" "$1/sys" && mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && mount --rbind /sys "$1/sys" && shift && exec "$@"' \
        _ "$root/fs" "$chroot" --userspec=$APP_UID:$APP_UID "$root/fs" $entry > "$root/run.log" 2>&1; then
    tail -30 "$root/run.log" >&2; die "the publication image did not start and migrate as user $APP_UID"
  fi
  local tables; tables=$(PGPASSWORD=$PG_PASSWORD "$psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d $db -tAc "select count(*) from \"__EFMigrationsHistory\"")
  echo "[images] publication image: started as user $APP_UID from its own file system, applied $tables migrations, exited 0 ($((SECONDS - started)) s)"
  local psql; psql="$(pg_bin)/psql"
  PGPASSWORD=$PG_PASSWORD "$psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE $db WITH (FORCE)" >/dev/null
  rm -rf "$root"
}

case "${1:-}" in
  build) build "${2:-}" ;;
  check) check ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
