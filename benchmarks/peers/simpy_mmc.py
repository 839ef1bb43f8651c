"""M/M/12+M in SimPy: 100 calls/h, 6-min handling, 3-min patience (time unit: minutes).
Prints simulated callers per second."""
import random, sys, time
import simpy

callers = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
rng = random.Random(1)
done = 0

def caller(env, agents):
    global done
    patience = rng.expovariate(1 / 3)
    handle = rng.expovariate(1 / 6)
    with agents.request() as req:
        result = yield req | env.timeout(patience)
        if req in result:
            yield env.timeout(handle)
    done += 1

def source(env, agents):
    for _ in range(callers):
        yield env.timeout(rng.expovariate(100 / 60))
        env.process(caller(env, agents))

env = simpy.Environment()
agents = simpy.Resource(env, capacity=12)
env.process(source(env, agents))
start = time.perf_counter()
env.run()
elapsed = time.perf_counter() - start
print(round(done / elapsed))
