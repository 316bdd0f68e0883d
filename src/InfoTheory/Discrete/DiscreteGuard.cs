namespace InfoTheory.Internal;

/// <summary>Validation of discrete inputs.</summary>
internal static class DiscreteGuard
{
    public static void NotEmpty(int length, string name)
    {
        if (length == 0)
        {
            throw new ArgumentException($"{name} is empty; give at least one symbol.", name);
        }
    }

    public static void SameLength(int x, int y, string xName, string yName)
    {
        if (x != y)
        {
            throw new ArgumentException(
                $"{xName} has {x} symbols but {yName} has {y}; both must describe the same observations, one symbol each.", yName);
        }
    }
}
