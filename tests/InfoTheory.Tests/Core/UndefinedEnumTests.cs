using System.Reflection;

namespace InfoTheory.Tests.Core;

/// <summary>
/// Every enum-typed setting of a public options record, constructor or method refuses a value outside its enum
/// (<c>(KnnNorm)9</c> used to fall through to a default silently).
/// </summary>
public sealed class UndefinedEnumTests
{
    // Every settable enum property of every public record in the core package, found by reflection so a new option
    // cannot be added without the check.
    public static TheoryData<string> EnumSettings()
    {
        var data = new TheoryData<string>();
        foreach (var (type, property) in Settable())
        {
            data.Add($"{type.Name}.{property.Name}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnumSettings))]
    public void InitRefusesAnUndefinedValue(string setting)
    {
        var (type, property) = Settable().Single(p => $"{p.Type.Name}.{p.Property.Name}" == setting);
        var instance = Activator.CreateInstance(type)!;
        var undefined = Enum.ToObject(property.PropertyType, 97);
        var e = Assert.Throws<TargetInvocationException>(() => property.SetValue(instance, undefined)).InnerException;
        var error = Assert.IsType<ArgumentOutOfRangeException>(e);
        Assert.Equal(property.Name, error.ParamName);
        Assert.Contains("97", error.Message);
        Assert.Contains($"{property.PropertyType.Name}.", error.Message); // lists the members
    }

    [Fact]
    public void MethodsAndConstructorsRefuseUndefinedValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Information.FromBits(1).In((InformationUnit)5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.KozachenkoLeonenko(TestData.Gaussian(50, 2, 1), 3, (KnnNorm)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => MutualInformation.Ksg(TestData.Gaussian(50, 1, 1), TestData.Gaussian(50, 1, 2), 3, (KsgVariant)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultivariateMutualInformation(null, (LayerRepresentation)9));
        Assert.ThrowsAny<ArgumentException>(() => new ImageTask((ImageShape)9, 16));
    }

    [Fact]
    public void TheTableCoversTheKnownEnumSettings() =>
        Assert.Contains(Settable(), p => p.Type == typeof(KnnOptions) && p.Property.Name == nameof(KnnOptions.Norm));

    private static IEnumerable<(Type Type, PropertyInfo Property)> Settable() =>
        typeof(Information).Assembly.GetExportedTypes()
            .Where(t => t.GetConstructor(Type.EmptyTypes) is not null && t.GetMethod("<Clone>$") is not null)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType.IsEnum && p.SetMethod is { IsPublic: true })
                .Select(p => (t, p)));
}
