// Philox4x64-10 as a gsl_rng_type; see include/sweetspot_philox.h for the reference.
#include "sweetspot_philox.h"

#define M0 0xD2E7470EE14C6C93ULL
#define M1 0xCA5A826395121157ULL
#define W0 0x9E3779B97F4A7C15ULL
#define W1 0xBB67AE8584CAA73BULL

static inline uint64_t mulhilo(uint64_t a, uint64_t b, uint64_t *hi) {
  __uint128_t p = (__uint128_t)a * b;
  *hi = (uint64_t)(p >> 64);
  return (uint64_t)p;
}

void sweetspot_philox4x64_block(const uint64_t ctr[4], const uint64_t key[2], uint64_t out[4]) {
  uint64_t x0 = ctr[0], x1 = ctr[1], x2 = ctr[2], x3 = ctr[3], k0 = key[0], k1 = key[1];
  for (int r = 0; r < 10; r++) {
    if (r > 0) { k0 += W0; k1 += W1; }
    uint64_t hi0, hi1;
    uint64_t lo0 = mulhilo(M0, x0, &hi0);
    uint64_t lo1 = mulhilo(M1, x2, &hi1);
    x0 = hi1 ^ x1 ^ k0; x1 = lo1; x2 = hi0 ^ x3 ^ k1; x3 = lo0;
  }
  out[0] = x0; out[1] = x1; out[2] = x2; out[3] = x3;
}

typedef struct {
  uint64_t ctr[4];   // the counter of the next block to compute
  uint64_t key[2];
  uint64_t buf[4];   // the current block
  unsigned used;     // words of buf already served (4: compute the next block)
} philox_state;

static inline uint64_t philox_next(philox_state *s) {
  if (s->used == 4) {
    sweetspot_philox4x64_block(s->ctr, s->key, s->buf);
    s->ctr[0]++;
    s->used = 0;
  }
  return s->buf[s->used++];
}

// gsl_rng_get: the high 32 bits of the next word (max 2^32 - 1, as GSL's integer samplers expect).
static unsigned long philox_get(void *vs) { return (unsigned long)(philox_next((philox_state *)vs) >> 32); }

// gsl_rng_uniform: the top 53 bits of the next word, k / 2^53 in [0, 1) (0 is possible, as GSL
// documents; gsl_rng_uniform_pos skips it).
static double philox_get_double(void *vs) {
  return (double)(int64_t)(philox_next((philox_state *)vs) >> 11) * 0x1.0p-53;
}

// gsl_rng_set(r, seed): key (seed, 0), counter 0. Sweetspot positions streams with
// sweetspot_philox4x64_set instead; this is what gsl_rng_alloc calls.
static void philox_set(void *vs, unsigned long seed) {
  philox_state *s = (philox_state *)vs;
  s->ctr[0] = s->ctr[1] = s->ctr[2] = s->ctr[3] = 0;
  s->key[0] = (uint64_t)seed; s->key[1] = 0;
  s->used = 4;
}

static const gsl_rng_type philox_type = {
  "philox4x64-10",        // name
  0xFFFFFFFFUL,           // max
  0,                      // min
  sizeof(philox_state),
  &philox_set,
  &philox_get,
  &philox_get_double,
};

const gsl_rng_type *sweetspot_philox4x64_type(void) { return &philox_type; }

void sweetspot_philox4x64_set(gsl_rng *r, const uint64_t ctr[4], const uint64_t key[2]) {
  philox_state *s = (philox_state *)r->state;
  for (int i = 0; i < 4; i++) s->ctr[i] = ctr[i];
  s->key[0] = key[0]; s->key[1] = key[1];
  s->used = 4;
}

void sweetspot_philox4x64_get(const gsl_rng *r, uint64_t ctr[4], uint64_t key[2], unsigned *used) {
  const philox_state *s = (const philox_state *)r->state;
  for (int i = 0; i < 4; i++) ctr[i] = s->ctr[i];
  key[0] = s->key[0]; key[1] = s->key[1];
  *used = s->used;
}
