#!/usr/bin/env bash
# Regenerates oci-model's real-world fixtures with real tools, as root:
#   apt-get install -y umoci skopeo buildah jq
#   oci-model/src/test/real-world/make-fixtures.sh
# Only small JSON documents are kept (manifests, indexes, configurations),
# byte for byte as the tools wrote them, with the digest each tool recorded
# for them in fixtures.tsv. Run by hand; the tests only read the output.
set -euo pipefail
OUT="$(cd "$(dirname "$0")/../resources" && pwd)/real-world"
WORK="$(mktemp -d)"
STORE="$WORK/storage"
trap 'buildah --root "$STORE" --storage-driver vfs rm --all >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
cd "$WORK"
rm -rf "$OUT" && mkdir -p "$OUT"
printf 'file\tkind\tmediaType\tdigest\n' > "$OUT/fixtures.tsv"
B=(buildah --root "$STORE" --runroot "$WORK/run" --storage-driver vfs)

# keep FILE KIND MEDIATYPE DIGEST BLOBPATH: copy the exact bytes, check the tool's digest.
keep() {
  local file=$1 kind=$2 type=$3 digest=$4 src=$5
  cp "$src" "$OUT/$file"
  [ "sha256:$(sha256sum "$OUT/$file" | cut -d' ' -f1)" = "$digest" ] || { echo "digest mismatch for $file" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\n' "$file" "$kind" "$type" "$digest" >> "$OUT/fixtures.tsv"
}
blob() { echo "$1/blobs/sha256/${2#sha256:}"; }
ref() { jq -r --arg t "$2" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"]==$t) | .digest' "$1/index.json"; }

# 1. umoci: an OCI image with two layers, a full configuration and annotations.
umoci init --layout L
for arch in amd64 arm64; do
  umoci new --image "L:$arch"
  umoci unpack --image "L:$arch" "b-$arch" > /dev/null
  mkdir -p "b-$arch/rootfs/srv" && echo "hello from $arch" > "b-$arch/rootfs/srv/hello.txt"
  umoci repack --image "L:$arch" "b-$arch"
  echo "second layer" > extra.txt
  umoci insert --image "L:$arch" extra.txt /srv/extra.txt
  umoci config --image "L:$arch" --os linux --architecture "$arch" \
    --config.env APP_MODE=prod --config.env API_TOKEN=not-a-real-token \
    --config.entrypoint /srv/app --config.cmd --serve --config.exposedports 8080/tcp --config.volume /data \
    --config.workingdir /srv --config.user 1000:1000 --config.stopsignal SIGTERM \
    --config.label org.opencontainers.image.version=1.4.2 --config.label org.label-schema.vcs-url=https://example.com/app.git \
    --config.label maintainer=ops@example.com --author "Berth fixtures" --history.created_by "umoci config" \
    --manifest.annotation org.opencontainers.image.title=berth-fixture \
    --manifest.annotation org.opencontainers.image.source=https://example.com/app.git
done
M=$(ref L amd64)
keep umoci-oci-manifest.json manifest application/vnd.oci.image.manifest.v1+json "$M" "$(blob L "$M")"
C=$(jq -r .config.digest "$(blob L "$M")")
keep umoci-oci-config.json config application/vnd.oci.image.config.v1+json "$C" "$(blob L "$C")"
keep umoci-oci-layout-index.json index application/vnd.oci.image.index.v1+json \
  "sha256:$(sha256sum L/index.json | cut -d' ' -f1)" L/index.json

# 2. skopeo: the same image converted to Docker schema 2.
skopeo --insecure-policy copy --format v2s2 oci:L:amd64 dir:D2 > /dev/null
D2M="sha256:$(sha256sum D2/manifest.json | cut -d' ' -f1)"
keep skopeo-docker-v2s2-manifest.json manifest application/vnd.docker.distribution.manifest.v2+json "$D2M" D2/manifest.json
D2C=$(jq -r .config.digest D2/manifest.json)
keep skopeo-docker-config.json config application/vnd.docker.container.image.v1+json "$D2C" "D2/${D2C#sha256:}"

# 3. buildah: a two-platform OCI index, and skopeo's Docker manifest list of it.
"${B[@]}" manifest create localhost/multi > /dev/null
"${B[@]}" manifest add --os linux --arch amd64 localhost/multi oci:L:amd64 > /dev/null
"${B[@]}" manifest add --os linux --arch arm64 --variant v8 localhost/multi oci:L:arm64 > /dev/null
"${B[@]}" manifest push --all localhost/multi oci:ML:multi > /dev/null
I=$(ref ML multi)
keep buildah-oci-index.json index application/vnd.oci.image.index.v1+json "$I" "$(blob ML "$I")"
skopeo --insecure-policy copy --all --format v2s2 oci:ML:multi dir:DL > /dev/null
DLM="sha256:$(sha256sum DL/manifest.json | cut -d' ' -f1)"
keep skopeo-docker-manifest-list.json index "$(jq -r .mediaType DL/manifest.json)" "$DLM" DL/manifest.json

# 4. buildah: an image committed from scratch, in OCI and Docker format, with labels and annotations.
echo "from scratch" > scratch.txt
CTR=$("${B[@]}" from scratch)
"${B[@]}" copy "$CTR" scratch.txt /scratch.txt > /dev/null
"${B[@]}" config --label org.opencontainers.image.description="built by buildah" --annotation org.opencontainers.image.vendor=Berth \
  --env LANG=C.UTF-8 --cmd '["/scratch.txt"]' --port 9090 "$CTR"
for format in oci docker; do
  "${B[@]}" commit --format "$format" "$CTR" "dir:$WORK/bc-$format" > /dev/null
  BM="sha256:$(sha256sum "bc-$format/manifest.json" | cut -d' ' -f1)"
  keep "buildah-$format-manifest.json" manifest "$(jq -r '.mediaType // "application/vnd.oci.image.manifest.v1+json"' "bc-$format/manifest.json")" \
    "$BM" "bc-$format/manifest.json"
  BC=$(jq -r .config.digest "bc-$format/manifest.json")
  keep "buildah-$format-config.json" config "$(jq -r .config.mediaType "bc-$format/manifest.json")" "$BC" "bc-$format/${BC#sha256:}"
done
echo "fixtures written to $OUT:"
column -t "$OUT/fixtures.tsv"
