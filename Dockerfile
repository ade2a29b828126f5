# Строд-Сервис in one container: the Hono server on PORT (3000), SQLite on the /data volume (or
# PostgreSQL when DATABASE_URL says postgres://…), uploaded files under /data/uploads.
#
# Node 22 LTS on Debian bookworm, the Debian release of the CI and developer machines. package.json
# allows Node >= 20, but Node 20 left support in April 2026; GitHub CI runs the tests on 22.
# The image is not built on the development machines (they have no Docker engine): `fly deploy`
# builds it on Fly's builders, or `docker build -t strod .` anywhere with Docker.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: dependencies (with their native parts) and the CSS ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 fetches a prebuilt binary for this Node version when it can and compiles itself
# otherwise, which needs these. @node-rs/argon2 and sharp come prebuilt for linux-x64 (glibc)
# as optional packages from the npm registry.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
# Production dependencies only. Nothing is compiled ahead: tsx (a regular dependency) runs the
# TypeScript sources, and tailwindcss (a regular dependency too) builds the CSS below.
RUN npm ci --omit=dev && npm cache clean --force

COPY . .
# Built after the sources are copied, so public/app.css is newer than every template and the
# boot-time check (src/system/css.ts) finds it fresh.
RUN npm run build:css

# ---- run ----
FROM ${NODE_IMAGE}

# pdfkit needs a TrueType font with Cyrillic letters (src/lib/pdf.ts loads DejaVuSans); the slim
# image has no fonts at all.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
  PORT=3000 \
  HOST=0.0.0.0 \
  DATABASE_URL=file:/data/strod.db \
  UPLOAD_DIR=/data/uploads

WORKDIR /app
# The application stays owned by root, read-only for the server, except public/: should a
# template ever look newer than the built CSS (a skewed clock in a build), the server rebuilds
# public/app.css at boot instead of failing to start.
COPY --from=build /app /app
RUN chown 1000:1000 /app/public /app/public/app.css

# The server runs as the unprivileged `node` user of the Node images, written as uid:gid so that
# every runtime can check it is not root. /data belongs to it: Fly.io mounts its volume there
# owned by the image's USER; with `docker run -v` on a host directory, give it to uid 1000.
RUN mkdir -p /data/uploads && chown -R 1000:1000 /data
VOLUME /data
USER 1000:1000

EXPOSE 3000

# Slim images have no curl: Node's own fetch asks /healthz. (Fly.io ignores HEALTHCHECK and uses
# the checks in fly.toml; Docker, Compose and Podman use this one.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The server applies pending migrations itself before it listens (src/server.ts calls
# migrate() at boot; Kysely's migrator takes a lock, so several machines may start at once).
# `node` directly rather than `npm start`, so SIGTERM reaches the server and it shuts down
# gracefully (pages are told to reconnect, requests and jobs in flight finish).
CMD ["node", "--import", "tsx", "src/server.ts"]
