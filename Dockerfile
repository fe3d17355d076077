# The same install step as the README's server command; production settings below.
FROM python:3.11-slim

# fonts-nanum: the Korean letters of the PNG and GIF pictures (app/render/raster.py).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-nanum \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 convarith
WORKDIR /srv/convarith
COPY pyproject.toml README.md ./
COPY app ./app
COPY static ./static
COPY templates ./templates
RUN pip install --no-cache-dir . && rm -rf /root/.cache

USER 10001
EXPOSE 8000
# The reverse proxy is another container, not 127.0.0.1: trust its X-Forwarded-* headers so
# URLs keep the public scheme (the app makes no decision on a client's address).
ENV FORWARDED_ALLOW_IPS="*"
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["convarith", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
