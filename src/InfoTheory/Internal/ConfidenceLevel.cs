namespace InfoTheory.Internal;

/// <summary>Validation of a confidence level.</summary>
internal static class ConfidenceLevel
{
    /// <summary>Throws unless 0 &lt; level &lt; 1.</summary>
    public static void Check(double level, string name = "level")
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(name, level, $"{name} = {level}: a confidence level must lie strictly between 0 and 1, e.g. 0.95.");
        }
    }
}
