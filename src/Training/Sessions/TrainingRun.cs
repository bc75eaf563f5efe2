using System.Diagnostics;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// One model + optimizer training on one dataset, epoch by epoch. Use it from ONE thread. An epoch either
/// completes or leaves no trace: a cancelled epoch rolls back to the state after the last completed one.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    // Every process that trains (CLI, silo, bench) caps malloc arenas before its first run: see MallocArenas.
    static TrainingRun() => Native.MallocArenas.Limit();

    private readonly ResidualStackNet model;
    private readonly OptimizerHelper optimizer;
    private readonly DeviceData train;
    private readonly DeviceData validation;
    private readonly List<EpochMetrics> history = [];

    public TrainingRun(TrainingSpec spec, DatasetSplit data, Device? device = null)
    {
        spec.Validate();
        CheckCompatible(spec.Model, data);
        Spec = spec;
        Device = device ?? CPU;
        model = ModelFactory.Create(spec.Model, spec.Seed);
        model.to(Device);
        Parameters = ModelFactory.CountParameters(model);
        optimizer = OptimizerFactory.Create(spec.Optimizer, model.parameters(), spec.LearningRate);
        train = new DeviceData(data.Train, Device);
        validation = new DeviceData(data.Validation, Device);
    }

    public TrainingSpec Spec { get; }
    public Device Device { get; }
    public long Parameters { get; }
    public int CompletedEpochs => history.Count;
    public IReadOnlyList<EpochMetrics> History => history;

    /// <summary>True once an epoch's training loss was NaN or infinite; the run should stop there.</summary>
    public bool IsDiverged { get; private set; }

    /// <summary>The model being trained (for inspection and tests; do not use from another thread).</summary>
    public ResidualStackNet Model => model;

    /// <summary>
    /// Trains epoch <see cref="CompletedEpochs"/> + 1 and validates. Throws OperationCanceledException (checked
    /// before every batch) after restoring the state of the last completed epoch.
    /// </summary>
    public EpochMetrics RunEpoch(CancellationToken ct, IProgress<BatchProgress>? progress = null)
    {
        if (IsDiverged)
            throw new InvalidOperationException($"training: the run diverged at epoch {CompletedEpochs} and cannot continue");
        if (CompletedEpochs >= Spec.Epochs)
            throw new InvalidOperationException($"training: all {Spec.Epochs} epochs are already completed");
        ct.ThrowIfCancellationRequested();
        if (Spec.Threads > 0) set_num_threads(Spec.Threads);
        var epoch = CompletedEpochs + 1;
        var before = Capture();
        var clock = Stopwatch.StartNew();
        PassResult trained;
        try
        {
            using var order = DataOrder.Permutation(Spec.Seed, epoch, train.Count);
            using var orderOnDevice = order.to(Device);
            trained = BatchLoop.Train(model, optimizer, train.Images, train.Labels, orderOnDevice,
                Spec.BatchSize, epoch, ct, progress);
        }
        catch (OperationCanceledException)
        {
            Restore(before);
            throw;
        }
        var trainSeconds = clock.Elapsed.TotalSeconds;
        IsDiverged = !double.IsFinite(trained.Loss);
        var validated = IsDiverged
            ? new PassResult(double.NaN, double.NaN, validation.Count)
            : BatchLoop.Evaluate(model, validation.Images, validation.Labels, Spec.BatchSize);
        var metrics = new EpochMetrics(epoch, trained.Loss, trained.Accuracy, validated.Loss, validated.Accuracy,
            clock.Elapsed.TotalSeconds, trained.Samples / Math.Max(trainSeconds, 1e-9));
        history.Add(metrics);
        return metrics;
    }

    /// <summary>The state after the last completed epoch, as bytes (what a checkpoint stores).</summary>
    public RunSnapshot Capture()
    {
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
            model.save(writer);
        using var optimizerState = new MemoryStream();
        using (var writer = new BinaryWriter(optimizerState, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return new RunSnapshot(history.ToArray(), weights.ToArray(), optimizerState.ToArray());
    }

    /// <summary>Puts the run back into a captured state. The snapshot must come from a run of the same spec.</summary>
    public void Restore(RunSnapshot snapshot)
    {
        using (var reader = new BinaryReader(new MemoryStream(snapshot.Weights)))
            model.load(reader, strict: true);
        using (var reader = new BinaryReader(new MemoryStream(snapshot.OptimizerState)))
            optimizer.load_state_dict(reader);
        history.Clear();
        history.AddRange(snapshot.History);
        IsDiverged = history.Count > 0 && !double.IsFinite(history[^1].TrainLoss);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        train.Dispose();
        validation.Dispose();
    }

    private static void CheckCompatible(ModelSpec spec, DatasetSplit data)
    {
        if (spec.InChannels != data.Train.Channels)
            throw new ArgumentException($"model.inChannels: {spec.InChannels} does not match the dataset's {data.Train.Channels} channels");
        if (spec.Classes != data.Train.Classes)
            throw new ArgumentException($"model.classes: {spec.Classes} does not match the dataset's {data.Train.Classes} classes");
        if (data.Train.Count == 0) throw new ArgumentException("data: the training split is empty");
    }
}
