// Tests here start silos, Redis and Prometheus: one at a time (2-core CI, and meters are matched by name process-wide).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
