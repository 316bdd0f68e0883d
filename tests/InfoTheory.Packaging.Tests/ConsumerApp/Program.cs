// A user's own model with the information-plane monitor attached: a small dense autoencoder trained for two epochs on
// 300 of the embedded MNIST digits, measured on a probe batch of 100 before training and after each epoch.
// Usage: Consumer OUTDIR (writes infoplane.csv and infoplane.png there).
using InfoTheory.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

string outDir = args[0];
torch.manual_seed(1);
var digits = MnistData.LoadEmbedded().Slice(0, 300);
using var x = digits.ToTensor();

var model = nn.Sequential(
    ("enc", nn.Linear(784, 64)), ("enc_act", nn.Sigmoid()),
    ("code", nn.Linear(64, 8)), ("code_act", nn.Sigmoid()),
    ("dec", nn.Linear(8, 64)), ("dec_act", nn.Sigmoid()),
    ("out", nn.Linear(64, 784)), ("out_act", nn.Sigmoid()));
using var probe = x.narrow(0, 0, 100);
using var monitor = new InformationMonitor(model, probe, layers: ["enc_act", "code_act", "dec_act", "out_act"]);
var optimizer = optim.Adam(model.parameters(), 0.01);

monitor.MeasureNow(epoch: 0, iteration: 0);
int iteration = 0;
for (int epoch = 1; epoch <= 2; epoch++)
{
    double loss = 0;
    for (int start = 0; start < 300; start += 100, iteration++)
    {
        using var scope = NewDisposeScope();
        var batch = x.narrow(0, start, 100);
        optimizer.zero_grad();
        var l = nn.functional.mse_loss(model.forward(batch), batch);
        l.backward();
        optimizer.step();
        loss = l.item<float>();
        monitor.Step(epoch, iteration, loss);
    }

    monitor.EpochEnd(epoch, loss);
}

monitor.Save(Path.Combine(outDir, "infoplane.csv"));
InformationPlot.SaveInformationPlane(monitor.Series, Path.Combine(outDir, "infoplane.png"));
Console.WriteLine($"{monitor.MeasurementCount} measurements, {monitor.Series.Records.Count} records");
