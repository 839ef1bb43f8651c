// MRG32k3a as a gsl_rng_type; see include/sweetspot_mrg32k3a.h for the reference.
#include "sweetspot_mrg32k3a.h"

#define M1 4294967087LL
#define M2 4294944443LL
#define A12 1403580LL
#define A13N 810728LL
#define A21 527612LL
#define A23N 1370589LL
// 1 / (m1 + 1): the output lies strictly inside (0, 1), as in L'Ecuyer (1999) and SSJ.
#define NORM 2.328306549295727688e-10

typedef struct {
  int64_t s10, s11, s12, s20, s21, s22;
} mrg32k3a_state;

// One step of both components; returns the combined integer in [1, m1].
static inline int64_t mrg32k3a_step(mrg32k3a_state *st) {
  // Component 1: x_n = (a12 x_{n-2} - a13n x_{n-3}) mod m1. Products stay below 2^53.
  int64_t p1 = (A12 * st->s11 - A13N * st->s10) % M1;
  if (p1 < 0) p1 += M1;
  st->s10 = st->s11; st->s11 = st->s12; st->s12 = p1;
  // Component 2: y_n = (a21 y_{n-1} - a23n y_{n-3}) mod m2.
  int64_t p2 = (A21 * st->s22 - A23N * st->s20) % M2;
  if (p2 < 0) p2 += M2;
  st->s20 = st->s21; st->s21 = st->s22; st->s22 = p2;
  return p1 > p2 ? (p1 - p2) : (p1 - p2 + M1);
}

static unsigned long mrg32k3a_get(void *vstate) {
  return (unsigned long)mrg32k3a_step((mrg32k3a_state *)vstate);
}

static double mrg32k3a_get_double(void *vstate) {
  return (double)mrg32k3a_step((mrg32k3a_state *)vstate) * NORM;
}

// gsl_rng_set(r, seed): a single integer seed. SplitMix64 spreads it over the six words so that
// nearby seeds give unrelated states; seed 0 gives SSJ's default state (all words 12345).
static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static void mrg32k3a_set(void *vstate, unsigned long seed) {
  mrg32k3a_state *st = (mrg32k3a_state *)vstate;
  if (seed == 0) {
    st->s10 = st->s11 = st->s12 = st->s20 = st->s21 = st->s22 = 12345;
    return;
  }
  uint64_t x = (uint64_t)seed;
  do {
    st->s10 = (int64_t)(splitmix64(&x) % M1);
    st->s11 = (int64_t)(splitmix64(&x) % M1);
    st->s12 = (int64_t)(splitmix64(&x) % M1);
  } while (st->s10 == 0 && st->s11 == 0 && st->s12 == 0);
  do {
    st->s20 = (int64_t)(splitmix64(&x) % M2);
    st->s21 = (int64_t)(splitmix64(&x) % M2);
    st->s22 = (int64_t)(splitmix64(&x) % M2);
  } while (st->s20 == 0 && st->s21 == 0 && st->s22 == 0);
}

static const gsl_rng_type mrg32k3a_type = {
  "mrg32k3a",            // name
  (unsigned long)M1,     // max
  1,                     // min
  sizeof(mrg32k3a_state),
  &mrg32k3a_set,
  &mrg32k3a_get,
  &mrg32k3a_get_double,
};

const gsl_rng_type *sweetspot_mrg32k3a_type(void) { return &mrg32k3a_type; }

int sweetspot_mrg32k3a_set_state(gsl_rng *r, const uint64_t s[6]) {
  if (s[0] >= (uint64_t)M1 || s[1] >= (uint64_t)M1 || s[2] >= (uint64_t)M1) return -1;
  if (s[3] >= (uint64_t)M2 || s[4] >= (uint64_t)M2 || s[5] >= (uint64_t)M2) return -1;
  if (s[0] == 0 && s[1] == 0 && s[2] == 0) return -1;
  if (s[3] == 0 && s[4] == 0 && s[5] == 0) return -1;
  mrg32k3a_state *st = (mrg32k3a_state *)r->state;
  st->s10 = (int64_t)s[0]; st->s11 = (int64_t)s[1]; st->s12 = (int64_t)s[2];
  st->s20 = (int64_t)s[3]; st->s21 = (int64_t)s[4]; st->s22 = (int64_t)s[5];
  return 0;
}

void sweetspot_mrg32k3a_get_state(const gsl_rng *r, uint64_t s[6]) {
  const mrg32k3a_state *st = (const mrg32k3a_state *)r->state;
  s[0] = (uint64_t)st->s10; s[1] = (uint64_t)st->s11; s[2] = (uint64_t)st->s12;
  s[3] = (uint64_t)st->s20; s[4] = (uint64_t)st->s21; s[5] = (uint64_t)st->s22;
}
