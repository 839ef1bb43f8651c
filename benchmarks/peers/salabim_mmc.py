"""M/M/12+M in salabim: 100 calls/h, 6-min handling, 3-min patience (time unit: minutes).
Prints simulated callers per second. Reneging by salabim's own request(fail_delay=...);
generator processes (salabim's yield mode, its faster one here), distributions built once."""
import sys
import time

import salabim as sim

sim.yieldless(False)
callers = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
done = 0


class Caller(sim.Component):
    def process(self):
        global done
        patience = patience_dist.sample()
        handle = handle_dist.sample()
        yield self.request(agents, fail_delay=patience)
        if not self.failed():
            yield self.hold(handle)
            self.release()
        done += 1


env = sim.Environment(trace=False, random_seed=1)
patience_dist, handle_dist = sim.Exponential(3), sim.Exponential(6)
agents = sim.Resource("agents", capacity=12)
sim.ComponentGenerator(Caller, iat=sim.Exponential(60 / 100), number=callers)
start = time.perf_counter()
env.run()
elapsed = time.perf_counter() - start
print(round(done / elapsed))
