// Philox4x64-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel random
// numbers: as easy as 1, 2, 3" (SC 2011; Random123), as a GSL generator type.
//
// A block of four 64-bit words is a pure function of a 256-bit counter and a 128-bit key, so a
// stream is positioned by writing its counter: no state to advance, no jump-ahead. The generator
// type serves a stream's words in order (counter word 0 counts the blocks), so every GSL sampler
// runs on it. SweetspotNumerics computes the same blocks in Swift for its hot loops and tests
// both against Random123's known answers. Not public API: only SweetspotNumerics uses it.
#ifndef SWEETSPOT_PHILOX_H
#define SWEETSPOT_PHILOX_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/// The generator type, to pass to gsl_rng_alloc.
const gsl_rng_type *sweetspot_philox4x64_type(void);

/// One Philox4x64-10 block: out = philox(ctr, key).
void sweetspot_philox4x64_block(const uint64_t ctr[4], const uint64_t key[2], uint64_t out[4]);

/// Positions a stream: the next word is word 0 of the block at `ctr` under `key`.
void sweetspot_philox4x64_set(gsl_rng *r, const uint64_t ctr[4], const uint64_t key[2]);

/// The position of a stream: the counter of its next block and how many words of the current
/// block it has served (4: none left, the next draw computes the block at `ctr`).
void sweetspot_philox4x64_get(const gsl_rng *r, uint64_t ctr[4], uint64_t key[2], unsigned *used);

#endif
