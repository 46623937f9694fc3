FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Graphviz renders the svg/png exports.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends graphviz && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
RUN pip install .
# The packages run from site-packages; the seed documents stay here.
ENV ARGMAP_SEEDS_DIR=/app/seeds

EXPOSE 8000
CMD ["argmap", "serve", "--host", "0.0.0.0", "--port", "8000"]
