# Debian's nginx, the same 1.22 the tests run, with deploy/nginx.conf filled in at start.
FROM debian:bookworm-slim

# gettext-base: envsubst, which fills the template's two placeholders (and no other $).
RUN apt-get update && apt-get install -y --no-install-recommends nginx gettext-base \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /var/lib/convarith-nginx
# The prefix nginx runs from: logs go to the container's output, the cache is a volume.
RUN mkdir -p logs temp cache \
    && ln -sf /dev/stdout logs/access.log && ln -sf /dev/stderr logs/error.log
COPY nginx.conf /etc/convarith/nginx.conf.template

ENV CONVARITH_LISTEN=8080 CONVARITH_UPSTREAM=app:8000
EXPOSE 8080
# The master starts as root and nginx's workers drop to www-data.
CMD ["sh", "-c", "envsubst '${CONVARITH_LISTEN} ${CONVARITH_UPSTREAM}' < /etc/convarith/nginx.conf.template > nginx.conf && exec nginx -p /var/lib/convarith-nginx/ -c /var/lib/convarith-nginx/nginx.conf -e stderr -g 'daemon off; user www-data;'"]
