"""A numpy-vectorised rough equivalent of Sweetspot's reference trial (10,000 customers x 104
weeks, one strategy), for throughput only. Prints customer-weeks per second (one process; numpy's
own threads are not used by these element-wise operations).

What it does, per week, over all customer slots at once (arrays of 10,000 and growing):
  - six uniforms per slot (numpy's Philox bit generator, as Sweetspot now uses),
  - pass 1: carried-over issues, problem or inquiry occurrence with the same rescaling of one
    uniform into cause, proactive notice and size, the complaint decision, channel choice by
    segment (cumulative shares), self-service success and escalation, silent and noticed
    problems' experiences folded into attitude and loyalty;
  - the contact centre: live contacts counted per channel; abandonment and answer speed from a
    fixed staffing rule (load / 0.85 agents, Erlang-C-like wait by a closed-form approximation),
    NOT Sweetspot's exact Erlang A staffing search per interval;
  - pass 2: abandonment and retry, resolution and retry, the experience's timeliness, effort,
    courtesy and compensation folded into a performance score, expectation-disconfirmation,
    attitude and loyalty anchoring, the product week's drift for everyone else, promoters' word
    of mouth, the churn hazard (attitude, top box, price, market factor), survival, TARP
    repurchase defection, churn, revenue;
  - acquisition: a Poisson number of recruits, each drawn with the same kinds of attribute draws
    (segment, two betas, four gammas, two lognormals, a normal), appended to the arrays.
What it leaves out: the workforce (burnout, attrition, hiring), the ledger's costs and NPV, the
quarterly NPS survey and controller, TARP bookkeeping beyond the defection, and every output
besides the counts; its parameters are plausible values near Sweetspot's defaults, not the
calibrated model. So it does at least the per-customer-week work of the reference trial's two
passes and somewhat less of the weekly work: a fair, if anything generous, yardstick for a
numpy user's version.
"""
import sys
import time

import numpy as np

N0 = 10_000
WEEKS = 104
rng = np.random.Generator(np.random.Philox(1))

# Segment shares and per-segment means (price-seeker, convenience, service-sensitive, premium).
SEG_MIX = np.array([0.30, 0.35, 0.25, 0.10])
EXPECT = np.array([0.45, 0.55, 0.65, 0.72])
REVENUE = np.array([18.0, 25.0, 32.0, 55.0])
PRICE_SENS = np.array([1.6, 1.0, 0.7, 0.4])
COMPLAIN = np.array([0.35, 0.40, 0.55, 0.60])
HAZARD = np.array([0.006, 0.004, 0.0035, 0.0025])
PATIENCE = np.array([150.0, 120.0, 180.0, 200.0])
# Channel shares by segment: self-service, chat, email, phone (cumulative).
CHANNELS = np.cumsum(np.array([[0.30, 0.25, 0.15, 0.30], [0.35, 0.30, 0.10, 0.25],
                               [0.15, 0.20, 0.15, 0.50], [0.10, 0.15, 0.10, 0.65]]), axis=1)


def draw_customers(n):
    seg = np.searchsorted(np.cumsum(SEG_MIX), rng.random(n), side="right").clip(0, 3)
    e = rng.beta(EXPECT[seg] * 20, (1 - EXPECT[seg]) * 20)
    rev = rng.lognormal(np.log(REVENUE[seg]) - 0.15, 0.55)
    psi = rng.gamma(4.0, PRICE_SENS[seg] / 4)
    kappa = rng.beta(COMPLAIN[seg] * 10, (1 - COMPLAIN[seg]) * 10)
    omega = rng.gamma(2.0, 0.5, n)
    h0 = rng.gamma(4.0, HAZARD[seg] / 4)
    pi = rng.gamma(3.0, 1 / 3, n)
    pat = rng.lognormal(np.log(PATIENCE[seg]) - 0.245, 0.7)
    start = np.clip(0.5 + 1.2 * (0.62 - e), 0, 1)
    a0 = np.clip(rng.normal(start, 0.05), 0, 1)
    return dict(seg=seg, e=e, rev=rev, psi=psi, kappa=kappa, omega=omega, h0=h0, pi=pi, pat=pat,
                att=a0, loy=a0.copy(), alive=np.ones(n, bool), pend=np.zeros(n, np.int8),
                psize=np.zeros(n), pchan=np.zeros(n, np.int8), defect=np.zeros(n))


def disconfirm(perf, e):
    d = perf - e
    return np.clip(0.5 + np.where(d > 0, 1.2 * d, 2.0 * d), 0, 1)


def trial():
    c = draw_customers(N0)
    quality, fcr_phone, courtesy = 0.62, 0.72, 0.8
    fcr = np.array([0.0, fcr_phone - 0.08, fcr_phone - 0.12, fcr_phone])  # self, chat, email, phone
    revenue = 0.0
    customer_weeks = 0
    for week in range(WEEKS):
        n = c["e"].size
        u = rng.random((6, n))
        alive = c["alive"]
        customer_weeks += int(alive.sum())
        # Pass 1: problems, complaints, channels, self-service.
        p = 0.035 * c["pi"]
        carried = alive & (c["pend"] > 0)
        fresh = alive & ~carried
        problem = fresh & (u[0] < p)
        inquiry = fresh & ~problem & (u[0] < p + 0.02)
        v = np.where(problem, u[0] / p, 0.0)
        product = v < 0.6
        v = np.where(product, v / 0.6, (v - 0.6) / 0.4)
        size = np.where(problem, 0.2 + 0.8 * v, np.where(inquiry, 0.1, c["psize"]))
        noticed = problem & product & (v < 0.25 * 0.3)
        pc = np.clip(c["kappa"] * (0.5 + size) * 0.9, 0, 1)
        complain = problem & ~noticed & (u[1] < pc)
        silent = problem & ~noticed & ~complain
        seg = c["seg"]
        pick = np.where(complain, u[1] / np.maximum(pc, 1e-12), np.where(inquiry, (u[0] - p) / 0.02, 0.0))
        chan = (pick[:, None] > CHANNELS[seg]).sum(axis=1).clip(0, 3)
        chan = np.where(carried, c["pchan"], chan)
        contact = complain | inquiry | carried
        selfserve = contact & (chan == 0)
        solved = selfserve & (u[2] < 0.45)
        escalate = selfserve & ~solved
        chan = np.where(escalate, 1 + ((u[2] - 0.45) / 0.55 * 3).astype(np.int8).clip(0, 2), chan)
        live = contact & ~solved
        w = np.minimum(1, 0.3 + 0.5 * size)
        for mask, perf in ((noticed, 0.55), (silent, 0.15), (solved, 0.75)):
            s = disconfirm(perf, c["e"])
            c["att"] = np.where(mask, (1 - w) * c["att"] + w * s, c["att"])
            c["loy"] = np.where(mask, (1 - w) * c["loy"] + w * s, c["loy"])
        c["defect"] = np.where(silent, 0.3 * (1 - (0.8 - 0.5 * size)), c["defect"])
        # The contact centre: live volume per channel, a fixed staffing rule, waits and abandonment.
        volume = np.bincount(chan[live], minlength=4)[1:] * 25.0 / 168
        load = volume * np.array([6.0, 8.0, 6.5]) / 60
        agents = np.ceil(load / 0.85) + 1
        rho = np.minimum(load / agents, 0.99)
        asa = np.array([40.0, 3600.0 * 8, 60.0]) * rho ** (np.sqrt(2 * (agents + 1)) - 1) / (1 - rho)
        abandon = np.concatenate(([0.0], np.minimum(0.5, asa / (asa + np.array([300.0, 1e9, 180.0])))))
        abandon[2] = 0.0
        wait = np.concatenate(([0.0], asa))
        # Pass 2: abandonment, resolution, experience, churn, revenue.
        ab = live & (u[3] < abandon[chan])
        retry_ab = ab & (u[3] / np.maximum(abandon[chan], 1e-12) < 0.6) & (c["pend"] < 2)
        answered = live & ~ab
        resolved = answered & (u[4] < fcr[chan])
        retry_un = answered & ~resolved & ((u[4] - fcr[chan]) / (1 - fcr[chan]) < 0.5) & (c["pend"] < 2)
        timeliness = np.clip(1 - wait[chan] / (wait[chan] + c["pat"]), 0, 1)
        effort = 1 - 0.25 * c["pend"] - 0.15 * escalate
        perf = np.where(ab, 0.1, 0.25 * timeliness + 0.4 * resolved + 0.2 * courtesy + 0.15 * effort)
        s = disconfirm(perf, c["e"])
        k = np.minimum(1, np.where(retry_un, 0.5 * w, w))
        c["att"] = np.where(live, (1 - k) * c["att"] + k * s, c["att"])
        c["loy"] = np.where(live, (1 - k) * c["loy"] + k * s, c["loy"])
        pend = retry_ab | retry_un
        c["pend"] = np.where(pend, c["pend"] + 1, np.where(live | solved, 0, c["pend"])).astype(np.int8)
        c["psize"] = np.where(pend, size, c["psize"])
        c["pchan"] = np.where(pend, chan, c["pchan"]).astype(np.int8)
        ended = live & ~pend & (c["e"] >= 0)
        c["defect"] = np.where(ended, 0.3 * (1 - np.where(resolved, 0.9, 0.5)), c["defect"])
        quiet = alive & ~(noticed | silent | solved | live)
        sp = disconfirm(quality, c["e"])
        c["att"] = np.where(quiet, 0.9 * c["att"] + 0.1 * sp, c["att"])
        c["loy"] = np.where(quiet, 0.9 * c["loy"] + 0.1 * sp, c["loy"])
        tells = float((c["omega"] * (alive & (c["loy"] >= 0.8))).sum()) * 0.05
        h = c["h0"] * np.exp(3.0 * (0.55 - c["loy"]))
        h = np.where(c["loy"] >= 0.8, h * 0.5, h) * np.exp(0.8 * c["psi"] * 0.0) * 0.9
        leave = 1 - np.exp(-h) * (1 - c["defect"])
        c["defect"] = np.zeros(n)
        churn = alive & (u[5] < leave)
        c["alive"] = alive & ~churn
        revenue += float(c["rev"][c["alive"]].sum())
        # Acquisition: a Poisson count of recruits, drawn and appended.
        recruits = rng.poisson(0.0035 * N0 + 0.02 * tells)
        if recruits:
            r = draw_customers(recruits)
            for key in c:
                c[key] = np.concatenate((c[key], r[key]))
    return customer_weeks, revenue


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
trial()  # warm-up
best = []
for _ in range(runs):
    start = time.perf_counter()
    cw, _ = trial()
    best.append(time.perf_counter() - start)
best.sort()
print(round(N0 * WEEKS / best[len(best) // 2]))
