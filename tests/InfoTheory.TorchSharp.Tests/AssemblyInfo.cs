// libtorch's random generator is process-global: tests that seed it (model construction, training) must not
// interleave with others that draw from it, so this assembly's tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
