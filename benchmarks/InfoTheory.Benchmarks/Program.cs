using BenchmarkDotNet.Running;

// Run one suite:  dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*Renyi*'
// Smoke-run all:  dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*' --job Dry
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
