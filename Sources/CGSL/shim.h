// Shim over the GNU Scientific Library for Swift.
//
// Only #includes and static inline accessors live here. Swift 6 rejects GSL's generator-type
// globals (`extern const gsl_rng_type *gsl_rng_mt19937`: the pointer itself is mutable, so it is
// "shared mutable state"); these accessors hand the pointers to Swift without downgrading the
// language mode. Not public API: only SweetspotNumerics imports this module.
#ifndef SWEETSPOT_CGSL_SHIM_H
#define SWEETSPOT_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_version.h>

static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_type_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *cgsl_rng_type_ranlxd1(void) { return gsl_rng_ranlxd1; }
static inline const gsl_rng_type *cgsl_rng_type_ranlxs2(void) { return gsl_rng_ranlxs2; }
static inline const gsl_rng_type *cgsl_rng_type_mrg(void) { return gsl_rng_mrg; }
static inline const gsl_rng_type *cgsl_rng_type_cmrg(void) { return gsl_rng_cmrg; }

// Quasi-random sequence types (`gsl_qrng_*`), for the same reason as the generator types above.
static inline const gsl_qrng_type *cgsl_qrng_type_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *cgsl_qrng_type_halton(void) { return gsl_qrng_halton; }
static inline const gsl_qrng_type *cgsl_qrng_type_reversehalton(void) { return gsl_qrng_reversehalton; }
static inline const gsl_qrng_type *cgsl_qrng_type_niederreiter_2(void) { return gsl_qrng_niederreiter_2; }

static inline const char *cgsl_version(void) { return gsl_version; }

#endif
