#!/usr/bin/env python3
"""Known answers for Sweetspot's Philox4x64-10 from a second implementation: numpy's
np.random.Philox (numpy >= 1.17; a 4x64-10 Philox). Prints the values pinned in
Tests/SweetspotNumericsTests/PhiloxTests.swift.

numpy increments the 256-bit counter BEFORE generating a block, so to get the block at counter c
we hand it c - 1 (with borrow across the words), and counter and key are passed as uint64 arrays
(Python ints lose precision on the way)."""
import numpy as np

M = 2**64 - 1


def minus_one(c):
    v = sum(x << (64 * i) for i, x in enumerate(c))
    v = (v - 1) % 2**256
    return [(v >> (64 * i)) & M for i in range(4)]


def words(ctr, key, n):
    bg = np.random.Philox(counter=np.array(minus_one(ctr), dtype=np.uint64), key=np.array(key, dtype=np.uint64))
    return [int(x) for x in bg.random_raw(n)]


# Random123's kat_vectors for philox4x64-10.
for ctr, key in [([0, 0, 0, 0], [0, 0]), ([M] * 4, [M] * 2),
                 ([0x243f6a8885a308d3, 0x13198a2e03707344, 0xa4093822299f31d0, 0x082efa98ec4e6c89],
                  [0x452821e638d01377, 0xbe5466cf34e90c6c])]:
    print("block", " ".join("%016x" % w for w in words(ctr, key, 4)))

# A stream as RandomStream lays it out: key (k0, k1), counter (block, part | item << 20,
# purpose | firm << 32, 0), blocks 0, 1, 2.
k0, k1 = 0x0123456789abcdef, 7
print("stream", ", ".join("0x%016x" % w for w in words([0, 5 | 9 << 20, 3 | 2 << 32, 0], [k0, k1], 12)))

# Philox2x64-10 (customers' weekly draws), written from the paper's definition (numpy has no
# 2x64): Random123's kat_vectors for philox2x64-10 must come out.
def philox2x64(c0, c1, k):
    for r in range(10):
        if r:
            k = (k + 0x9E3779B97F4A7C15) & M
        p = 0xD2B74407B1CE6E93 * c0
        c0, c1 = ((p >> 64) ^ c1 ^ k) & M, p & M
    return c0, c1


for c, k in [((0, 0), 0), ((M, M), M), ((0x243f6a8885a308d3, 0x13198a2e03707344), 0xa4093822299f31d0)]:
    print("block2", " ".join("%016x" % w for w in philox2x64(*c, k)))
