"""Run: files, batches and configuration in, one FileReport per draft out (config, cache, discovery, streams, workers)."""
