using InfoTheory.TorchSharp.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Models;

// Sequential: these tests seed and read torch's global generator.
[Collection(TorchCollection.Name)]
public sealed class ModelSpecificTests
{
    [Fact]
    public void TiedAutoencoderSharesOneParameterBetweenEncoderAndDecoder()
    {
        using var model = new TiedAutoencoder(seed: 2);
        Assert.Equal(3, model.EncoderWeights.Count);
        for (int j = 0; j < 3; j++)
        {
            Assert.Same(model.EncoderWeights[2 - j], model.DecoderWeights[j]);
        }

        // Registered once: 3 weights + 3 encoder biases + 3 decoder biases.
        var parameters = model.parameters().ToList();
        Assert.Equal(9, parameters.Count);
        Assert.Equal(9, parameters.Distinct(ReferenceEqualityComparer.Instance).Count());

        var w = model.EncoderWeights[2]; // z: 50 × 128, used transposed by dec1
        using var before = w.detach().clone();
        using var data = TestData.First(64).ToTensor();
        using var opt = torch.optim.Adam(model.parameters(), 1e-2);
        using (var loss = model.Loss(data))
        {
            loss.Total.backward();
        }

        Assert.NotNull(w.grad);
        opt.step();
        Assert.False(before.SameValues(w), "the gradient step did not change the shared weight");

        // dec1 computes sigmoid(code · W_z + b) with the updated shared weight.
        using (torch.no_grad())
        {
            using var code = model.Encode(data);
            using var viaLayer = model.Layer("dec1").call(code);
            var decBias = model.Layer("dec1").parameters().Single();
            using var manual = torch.sigmoid(code.matmul(model.DecoderWeights[0]) + decBias);
            Assert.True(manual.allclose(viaLayer, 1e-5, 1e-6));
            using var stale = torch.sigmoid(code.matmul(before) + decBias);
            Assert.False(stale.allclose(viaLayer, 1e-5, 1e-6));
        }
    }

    [Fact]
    public void VaeKlDivergenceKnownCases()
    {
        using var zero = VariationalAutoencoder.KlDivergence(torch.zeros(2, 3), torch.zeros(2, 3));
        Assert.Equal(new[] { 0f, 0f }, zero.data<float>().ToArray());

        using var one = VariationalAutoencoder.KlDivergence(torch.ones(1, 4), torch.zeros(1, 4));
        Assert.Equal(0.5 * 4, one.item<float>(), 6);

        // μ = (0.5, −1), log σ² = (ln 2, −1): −½[(1 + ln 2 − 0.25 − 2) + (1 − 1 − 1 − e⁻¹)].
        double expected = -0.5 * ((1 + Math.Log(2) - 0.25 - 2) + (1 - 1 - 1 - Math.Exp(-1)));
        using var mixed = VariationalAutoencoder.KlDivergence(
            torch.tensor(new[] { 0.5, -1.0 }).reshape(1, 2),
            torch.tensor(new[] { Math.Log(2), -1.0 }).reshape(1, 2));
        Assert.Equal(expected, mixed.item<double>(), 12);
        Assert.Equal(0.96237, expected, 4);
    }

    [Fact]
    public void VaeSamplesInTrainingAndUsesTheMeanInEval()
    {
        using var x = TestData.First(8).ToTensor();
        using var a = new VariationalAutoencoder(seed: 4);
        using var b = new VariationalAutoencoder(seed: 4);
        using (torch.no_grad())
        {
            using var s1 = a.Encode(x);
            using var s2 = a.Encode(x);
            using var t1 = b.Encode(x);
            Assert.False(s1.SameValues(s2), "two training-mode samples should differ");
            Assert.True(s1.SameValues(t1), "the sampling generator is seeded");

            a.eval();
            using var m1 = a.Encode(x);
            using var m2 = a.Encode(x);
            var (mu, _) = a.EncodeDistribution(x);
            Assert.True(m1.SameValues(m2));
            Assert.True(m1.SameValues(mu));
        }

        using var loss = a.Loss(x);
        Assert.Equal(new[] { "reconstruction", "kl" }, loss.Parts.Keys);
        var parts = loss.PartValues();
        Assert.Equal(parts["reconstruction"] + parts["kl"], loss.Total.ToDouble(), 3);
        Assert.True(parts["reconstruction"] > 100, "BCE is summed over the 784 pixels");
    }

    [Fact]
    public void VaeCanSampleItsCodeInEvalWithoutDisturbingTheTrainingNoise()
    {
        using var x = TestData.First(8).ToTensor();
        using var a = new VariationalAutoencoder(seed: 5, evaluationCode: VariationalCode.Sample);
        using var b = new VariationalAutoencoder(seed: 5, evaluationCode: VariationalCode.Sample);
        using var plain = new VariationalAutoencoder(seed: 5);
        Assert.Equal(VariationalCode.Sample, a.EvaluationCode);
        Assert.Equal(VariationalCode.Mean, plain.EvaluationCode);
        using (torch.no_grad())
        {
            // Training noise: a draws once in training, then twice in eval, then again in training; b only trains.
            using var a1 = a.Encode(x);
            a.eval();
            using var e1 = a.Encode(x);
            using var e2 = a.Encode(x);
            var (mu, _) = a.EncodeDistribution(x);
            a.train();
            using var a2 = a.Encode(x);
            using var b1 = b.Encode(x);
            using var b2 = b.Encode(x);
            Assert.True(a1.SameValues(b1));
            Assert.True(a2.SameValues(b2), "eval-mode samples must come from their own stream");

            Assert.False(e1.SameValues(e2), "two eval-mode samples should differ");
            Assert.False(e1.SameValues(mu), "an eval-mode sample is not the mean");
            Assert.False(e1.SameValues(a1), "eval-mode samples are not the training draws");
            b.eval();
            using var f1 = b.Encode(x);
            Assert.True(e1.SameValues(f1), "the eval stream is seeded");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new VariationalAutoencoder(evaluationCode: (VariationalCode)4));
    }

    [Fact]
    public void VaeEvalNoiseIsAFunctionOfSeedAndKeyAlone()
    {
        using var x = TestData.First(8).ToTensor();
        using var a = new VariationalAutoencoder(seed: 5, evaluationCode: VariationalCode.Sample);
        using var b = new VariationalAutoencoder(seed: 5, evaluationCode: VariationalCode.Sample);
        using var other = new VariationalAutoencoder(seed: 6, evaluationCode: VariationalCode.Sample);
        other.load_state_dict(a.state_dict());
        using (torch.no_grad())
        {
            // a has drawn three times before its key is set, b never: the keyed draws must still agree.
            a.eval();
            b.eval();
            other.eval();
            using var w1 = a.Encode(x);
            using var w2 = a.Encode(x);
            using var w3 = a.Encode(x);
            a.SetEvaluationKey(7);
            b.SetEvaluationKey(7);
            using var a7 = a.Encode(x);
            using var b7 = b.Encode(x);
            Assert.True(a7.SameValues(b7), "after SetEvaluationKey the draws depend on (seed, key) only");

            // Setting the same key again restarts the stream: the next draw repeats.
            using var a7Next = a.Encode(x);
            Assert.False(a7Next.SameValues(a7), "the stream advances within a key");
            a.SetEvaluationKey(7);
            using var a7Again = a.Encode(x);
            Assert.True(a7Again.SameValues(a7));

            // Another key, or another seed with the same weights and key, is another draw.
            a.SetEvaluationKey(8);
            using var a8 = a.Encode(x);
            other.SetEvaluationKey(7);
            using var o7 = other.Encode(x);
            Assert.False(a8.SameValues(a7), "keys 7 and 8 must give different draws");
            Assert.False(o7.SameValues(a7), "seeds 5 and 6 must give different draws for one key");

            // Training noise is untouched by keys.
            a.train();
            b.train();
            a.SetEvaluationKey(9);
            using var ta = a.Encode(x);
            using var tb = b.Encode(x);
            Assert.True(ta.SameValues(tb), "keys must not touch the training stream");
        }
    }

    [Fact]
    public void LabelAutoencoderCanHaveAWiderCodeThanItsClasses()
    {
        // IPRL's LAE.py: a 50-unit softmax code trained with the cross-entropy against labels 0–9.
        using var model = new LabelAutoencoder(classes: 10, codeSize: 50, seed: 3);
        Assert.Equal((50, 10), (model.CodeSize, model.Classes));
        var d = TestData.First(16);
        using var x = d.ToTensor();
        using var y = d.LabelsTensor();
        using (torch.no_grad())
        {
            using var code = model.Encode(x);
            Assert.Equal(new long[] { 16, 50 }, code.shape);
            using var loss = model.Loss(x, y);
            var p = loss.PartValues();
            // At initialisation the softmax is nearly uniform over 50 units: CE ≈ ln 50, not ln 10.
            Assert.InRange(p["label"], Math.Log(50) - 0.3, Math.Log(50) + 0.3);
        }

        Assert.Equal(10, new LabelAutoencoder(seed: 1).CodeSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelAutoencoder(classes: 10, codeSize: 9));
    }

    [Fact]
    public void InvertibleAutoencoderWithoutBottleneckReconstructs()
    {
        using var model = new InvertibleAutoencoder(codeSize: 784, seed: 6);
        Assert.Equal(4 * 4, model.parameters().Count()); // 4 blocks × (2 linear layers × weight, bias); the inverse layers share them
        using var g = new Generator(11);
        using var x = torch.randn(new long[] { 16, 784 }, generator: g);
        using (torch.no_grad())
        {
            using var y = model.Transform(x);
            Assert.True((y - x).abs().max().item<float>() > 1e-2, "the blocks should not be the identity");
            using var back = model.Inverse(model.Encode(x));
            Assert.True((back - x).abs().max().item<float>() < 1e-4);
            using var viaForward = model.call(x);
            Assert.True((viaForward - x).abs().max().item<float>() < 1e-4);
        }
    }

    [Fact]
    public void InvertibleAutoencoderBottleneckZeroesTheTail()
    {
        using var model = new InvertibleAutoencoder(codeSize: 10, seed: 6);
        using var x = TestData.First(4).ToTensor();
        using (torch.no_grad())
        {
            using var code = model.Encode(x);
            Assert.Equal(0f, code.narrow(1, 10, 774).abs().max().item<float>());
            Assert.True(code.narrow(1, 0, 10).abs().max().item<float>() > 0);
        }
    }

    [Fact]
    public void LabelAutoencoderLossUsesTheLabels()
    {
        using var model = new LabelAutoencoder(seed: 3);
        var d = TestData.First(32);
        using var x = d.ToTensor();
        using var y = d.LabelsTensor();
        using var shifted = (y + 1).remainder(10);
        Assert.True(model.NeedsLabels);
        using (torch.no_grad())
        {
            using var l1 = model.Loss(x, y);
            using var l2 = model.Loss(x, shifted);
            Assert.NotEqual(l1.Total.ToDouble(), l2.Total.ToDouble());
            Assert.Equal(l1.PartValues()["reconstruction"], l2.PartValues()["reconstruction"], 6);
            var p = l1.PartValues();
            Assert.Equal(p["reconstruction"] + (0.01 * p["label"]), l1.Total.ToDouble(), 5);
            using var code = model.Encode(x);
            using var rowSums = code.sum(1);
            Assert.True(rowSums.allclose(torch.ones(32), 1e-5, 1e-5), "z is a softmax");
        }

        Assert.Throws<ArgumentNullException>(() => model.Loss(x));
    }

    [Fact]
    public void SparsityPenaltyIsZeroAtRhoAndPositiveElsewhere()
    {
        using var atRho = SparseAutoencoder.SparsityPenalty(torch.full(50, 0.05f), 0.05);
        Assert.Equal(0.0, atRho.ToDouble(), 6);

        using var half = SparseAutoencoder.SparsityPenalty(torch.full(50, 0.5f), 0.05);
        double perUnit = (0.05 * Math.Log(0.05 / 0.5)) + (0.95 * Math.Log(0.95 / 0.5));
        Assert.Equal(50 * perUnit, half.ToDouble(), 3);

        // N × H input: averaged over the batch first.
        using var batch = SparseAutoencoder.SparsityPenalty(torch.tensor(new[] { 0.0f, 0.1f }).reshape(2, 1), 0.05);
        Assert.Equal(0.0, batch.ToDouble(), 6);

        using var model = new SparseAutoencoder(seed: 1);
        using var x = TestData.First(16).ToTensor();
        using var loss = model.Loss(x);
        var p = loss.PartValues();
        Assert.Equal(p["reconstruction"] + (model.Beta * p["sparsity"]), loss.Total.ToDouble(), 5);
    }

    [Fact]
    public void ConvolutionalAutoencoderLearnsBeyondTheMeanImage()
    {
        // Regression: with MSE + sigmoid output this ReLU network collapsed to the all-black image (MSE = mean x²);
        // with the default BCE it must get below the MSE of the best constant image (the per-pixel variance).
        var d = TestData.First(128);
        using var model = ConvolutionalAutoencoder.Cae1(seed: 1);
        Assert.Equal(ReconstructionLossKind.BinaryCrossEntropy, model.ReconstructionLossKind);
        Trainer.Train(model, d, epochs: 50, batchSize: 128, learningRate: 2e-3, seed: 3);
        using (torch.no_grad())
        {
            model.eval();
            using var x = d.ToImageTensor();
            using var y = model.call(x);
            double mse = nn.functional.mse_loss(y, x).ToDouble();
            double meanImageMse = x.var(new long[] { 0 }, unbiased: false).mean().ToDouble();
            Assert.True(mse < 0.85 * meanImageMse, $"MSE {mse} is not clearly below the mean-image MSE {meanImageMse}");
        }
    }

    [Fact]
    public void ConcurrentConstructionIsStillSeeded()
    {
        using var reference = new InvertibleAutoencoder(seed: 12);
        var expected = reference.parameters().Select(p => p.detach().clone()).ToList();
        var models = new InvertibleAutoencoder[4];
        Parallel.For(0, models.Length, i => models[i] = new InvertibleAutoencoder(seed: 12));
        foreach (var m in models)
        {
            Assert.All(m.parameters().Zip(expected), p => Assert.True(p.First.SameValues(p.Second)));
            Assert.True(m.named_buffers().Zip(reference.named_buffers()).All(b => b.First.Item2.SameValues(b.Second.Item2)));
            m.Dispose();
        }

        expected.ForEach(t => t.Dispose());
    }

    [Fact]
    public void LeNet5NeedsLabelsAndBceOptionWorks()
    {
        using var net = new LeNet5();
        using var x = TestData.First(4).ToImageTensor();
        Assert.Throws<ArgumentNullException>(() => net.Loss(x));

        using var ae = new DeepAutoencoder(lossKind: ReconstructionLossKind.BinaryCrossEntropy);
        using var flat = TestData.First(4).ToTensor();
        using var loss = ae.Loss(flat);
        Assert.InRange(loss.Total.ToDouble(), 0.3, 2.0); // per-pixel mean BCE of a ~0.5 output
    }
}
