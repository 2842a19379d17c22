// Package bench holds Parley's benchmarks over generated libraries of 1k,
// 10k and 100k articles: bulk ingest, search and ask, and retrieval quality
// with the newsroom eval articles hidden among as many decoys
// (internal/decoy). It has no code of its own; see docs/benchmarks.md for
// the figures and how to reproduce them.
package bench
