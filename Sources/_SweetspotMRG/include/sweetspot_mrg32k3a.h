// L'Ecuyer's MRG32k3a combined multiple-recursive generator as a GSL generator type.
//
// P. L'Ecuyer, "Good Parameters and Implementations for Combined Multiple Recursive Random
// Number Generators", Operations Research 47(1):159-164, 1999.
//
// GSL has no MRG32k3a (gsl_rng_cmrg is L'Ecuyer's 1996 generator) and no streams. Registering
// MRG32k3a as a gsl_rng_type lets every GSL sampler run on it, while SweetspotNumerics places
// each stream by explicit jump-ahead (streams 2^127 apart, substreams 2^76 apart, as in SSJ).
// Not public API: only SweetspotNumerics uses this target.
#ifndef SWEETSPOT_MRG32K3A_H
#define SWEETSPOT_MRG32K3A_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

/// The generator type, to pass to gsl_rng_alloc.
const gsl_rng_type *sweetspot_mrg32k3a_type(void);

/// Overwrites the six-word state. s[0..2] must lie in [0, m1) and not all be 0; s[3..5] in
/// [0, m2) and not all be 0 (m1 = 4294967087, m2 = 4294944443). Returns 0, or -1 when the state
/// is invalid (the generator is then left unchanged).
int sweetspot_mrg32k3a_set_state(gsl_rng *r, const uint64_t s[6]);

/// Copies the six-word state out.
void sweetspot_mrg32k3a_get_state(const gsl_rng *r, uint64_t s[6]);

#endif
