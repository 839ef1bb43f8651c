"""M/M/12+M in Ciw: 100 calls/h, 6-min handling, 3-min patience (time unit: minutes).
Prints simulated callers per second."""
import sys, time
import ciw

callers = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
horizon = callers / (100 / 60)
network = ciw.create_network(
    arrival_distributions=[ciw.dists.Exponential(rate=100 / 60)],
    service_distributions=[ciw.dists.Exponential(rate=1 / 6)],
    number_of_servers=[12],
    reneging_time_distributions=[ciw.dists.Exponential(rate=1 / 3)],
)
ciw.seed(1)
sim = ciw.Simulation(network)
start = time.perf_counter()
sim.simulate_until_max_time(horizon)
elapsed = time.perf_counter() - start
records = sim.get_all_records()
print(round(len(records) / elapsed))
