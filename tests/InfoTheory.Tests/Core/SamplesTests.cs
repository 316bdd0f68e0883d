namespace InfoTheory.Tests.Core;

public class SamplesTests
{
    [Fact]
    public void WrapsDoublesWithoutCopying()
    {
        var data = new double[] { 1, 2, 3, 4, 5, 6 };
        var s = new Samples(data, 3);
        Assert.Equal(2, s.Count);
        Assert.Equal(3, s.Dimensions);
        data[4] = 50;
        Assert.Equal(50, s[1, 1]);
        Assert.Equal([4, 50, 6], s.Row(1).ToArray());
    }

    [Fact]
    public void WrapsFloatsWithoutCopying()
    {
        var data = new float[] { 1, 2, 3, 4 };
        var s = new Samples(data, 2);
        data[3] = 40;
        Assert.True(s.IsSinglePrecision);
        Assert.Equal(40, s[1, 1]);
        Assert.Throws<InvalidOperationException>(() => s.Row(0));
        Assert.Equal([1, 2, 3, 40], s.ToDouble().ToArray());
    }

    [Fact]
    public void RefusesABufferThatIsNotWholeObservations()
    {
        var e = Assert.Throws<ArgumentException>(() => new Samples(new double[7], 3));
        Assert.Contains("7", e.Message);
        Assert.Contains("3", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Samples(new double[6], 0));
    }

    [Fact]
    public void FromRowsRefusesRaggedRows()
    {
        var e = Assert.Throws<ArgumentException>(() => Samples.FromRows([[1.0, 2.0], [3.0]]));
        Assert.Equal("rows", e.ParamName);
        Assert.Contains("row 1 has 1", e.Message);
    }

    [Fact]
    public void FromMatrixCopiesRowMajor()
    {
        var s = Samples.FromMatrix(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Assert.Equal(3, s.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], s.ToArray());
    }

    [Fact]
    public void FeatureMapsViewEachMapInPlace()
    {
        // N=2, C=3, H=1, W=2: values numbered so value = 100·i + 10·c + w.
        var data = new double[2 * 3 * 2];
        for (int i = 0; i < 2; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int w = 0; w < 2; w++)
                {
                    data[(i * 3 + c) * 2 + w] = 100 * i + 10 * c + w;
                }
            }
        }

        var layer = new FeatureMaps(data, 2, 3, 1, 2);
        var map2 = layer[2];
        Assert.Equal(2, map2.Count);
        Assert.Equal(2, map2.Dimensions);
        Assert.Equal([20, 21, 120, 121], map2.ToArray());
        data[(1 * 3 + 2) * 2 + 1] = -1;
        Assert.Equal(-1, map2[1, 1]);
        Assert.Equal(6, layer.Flatten().Dimensions);
        Assert.Throws<ArgumentOutOfRangeException>(() => layer[3]);
    }

    [Fact]
    public void FeatureMapsRefuseAWrongShape()
    {
        var e = Assert.Throws<ArgumentException>(() => new FeatureMaps(new double[10], 2, 3, 1, 2));
        Assert.Contains("12", e.Message);
    }

    [Fact]
    public void SelectPermutesObservations()
    {
        var s = new Samples(new double[] { 1, 2, 3, 4, 5, 6 }, 2);
        Assert.Equal([5, 6, 1, 2], s.Select([2, 0]).ToArray());
    }

    [Fact]
    public void FromMatrixWithNoRowsIsAnArgumentError()
    {
        // Used to throw IndexOutOfRangeException (issue #12).
        var e = Assert.Throws<ArgumentException>(() => Samples.FromMatrix(new double[0, 2]));
        Assert.Equal("matrix", e.ParamName);
        Assert.Contains("no rows", e.Message);
    }
}
