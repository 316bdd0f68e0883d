namespace InfoTheory.Cli.Commands;

/// <summary>
/// <c>--estimator renyi,ksg,kde</c> of <c>infoplane</c>: several estimators measured on the same run. One name is the
/// single-estimator path as before (<see cref="ClassicalEstimators.Select"/> checks it); a list is checked here, with the
/// rule for the estimators' own options: each applies to every listed estimator that takes it (<c>--k 5</c> sets k for
/// both kl and ksg), and one that no listed estimator takes is refused.
/// </summary>
internal static class EstimatorList
{
    /// <summary>The estimators <c>--estimator</c> names (renyi when not given), in the order given.</summary>
    /// <exception cref="UsageException">An empty or unknown name, a name listed twice, an option that applies to none of
    /// the listed estimators, a value that one of them refuses, or <c>--error-chain</c> or <c>--bands</c> with a list.</exception>
    public static IReadOnlyList<string> Parse(ParsedArguments args)
    {
        string text = args.Get("estimator") ?? ClassicalEstimators.Renyi;
        var names = text.Split(',');
        if (names.Length == 1)
        {
            return names;
        }

        var accepted = new[] { ClassicalEstimators.Renyi }.Concat(ClassicalEstimators.All.Where(e => ClassicalEstimators.Computes(e, mutualInformation: true)).Select(e => e.Name)).ToList();
        foreach (string name in names)
        {
            if (name.Length == 0)
            {
                throw new UsageException($"--estimator '{text}' has an empty name; separate the names with single commas, e.g. --estimator renyi,ksg,kde.");
            }

            if (!accepted.Contains(name))
            {
                throw new UsageException($"--estimator '{name}' (in '{text}') is not available; accepted values: {string.Join(", ", accepted)}.");
            }

            if (names.Count(n => n == name) > 1)
            {
                throw new UsageException($"--estimator '{text}' lists {name} twice; list each estimator once.");
            }
        }

        if (args.Has("error-chain"))
        {
            // The error chain is measured with matrix Rényi (h = 0.1) whatever --estimator says: with a list it would be the same for every estimator.
            throw new UsageException($"--error-chain does not apply to a list of estimators (--estimator {text}): the error signals are measured with matrix Rényi whatever the estimator; drop --error-chain or give one estimator.");
        }

        if (args.Has("bands"))
        {
            // Bands and the compression test are per estimator; a comparison ranks whole trajectories instead.
            throw new UsageException($"--bands does not apply to a list of estimators (--estimator {text}): a comparison ranks the estimators' trajectories against each other; drop --bands or give one estimator.");
        }

        var entries = names.Select(n => ClassicalEstimators.All.FirstOrDefault(e => e.Name == n)).ToList();
        foreach (string option in ClassicalEstimators.RenyiOptions.Concat(ClassicalEstimators.Options.Select(o => o.Name)).Distinct())
        {
            bool applies = entries.Any(e => (e?.Options ?? ClassicalEstimators.RenyiOptions).Contains(option));
            if (args.Has(option) && !applies)
            {
                var users = (ClassicalEstimators.RenyiOptions.Contains(option) ? [ClassicalEstimators.Renyi] : Array.Empty<string>())
                    .Concat(ClassicalEstimators.All.Where(e => e.Options.Contains(option)).Select(e => e.Name));
                throw new UsageException($"--{option} does not apply to any of --estimator {text}; it is an option of {string.Join(", ", users)}.");
            }
        }

        // Values now, not at the first measurement: each listed estimator reads its own options (--k, --norm, --bins, …).
        foreach (var entry in entries)
        {
            entry?.Settings(args);
        }

        return names;
    }
}
