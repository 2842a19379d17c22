// Package bench holds Parley's benchmarks over generated libraries of 1k,
// 10k and 100k articles: bulk ingest, search and ask. It has no code of its
// own; see docs/benchmarks.md for the figures and how to reproduce them.
package bench
