# Parley: a static, CGO-free build in a small non-root image.
#   docker build --build-arg VERSION="$(git describe --tags --always --dirty)" -t parley .
#   docker run -e DISCORD_TOKEN -v parley-data:/data parley
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VERSION is what parley --version says; without it, the version comes from
# the build information, which has none here (.git is not copied): "dev".
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/parley ./cmd/parley \
 && mkdir -p /out/data

# distroless/static: CA certificates, tzdata and a nonroot user, nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/parley /usr/local/bin/parley
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV PARLEY_DB=/data/parley.db
USER nonroot:nonroot
WORKDIR /data
VOLUME /data
ENTRYPOINT ["parley"]
CMD ["serve"]
