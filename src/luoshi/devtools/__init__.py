"""Tools for the people who build luoshi, not for its users: the extractor and web benchmarks,
the project-ledger benchmark, province-scale synthetic data and the fuzzer (`luoshi bench`,
`bench-web`, `bench-ledger`, `scale-demo`, `fuzz`)."""
