using System.Diagnostics;
using OrleansSweep.Training.Checkpoints;
using OrleansSweep.Training.Data;
using OrleansSweep.Training.Models;
using OrleansSweep.Training.Vocabulary;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansSweep.Training.Sessions;

/// <summary>
/// One trial's training on one device, epoch by epoch: the model, its optimizer, the data order, and a checkpoint of
/// every epoch. The <c>train</c> command and the trial grain both train through it. Use it from ONE thread. An epoch
/// either completes (and is checkpointed, a diverged one too: the session is then over) or leaves no trace: a
/// cancelled epoch rolls back to the state after the last completed one. With the same spec and data, CPU sessions
/// are bit-identical, resumed or not.
/// </summary>
public sealed class TrainingSession : ITrainingSession
{
    /// <summary>
    /// The training loss the paper means is measured after each epoch on the training split, or on a fixed stratified
    /// sample of this many of its images when it is larger (seeded with the trial's seed, so twins see the same one).
    /// </summary>
    public const int TrainEvaluationSamples = 10_000;

    // Every process that trains (CLI, silo, bench) caps malloc arenas before its first session: see MallocArenas.
    static TrainingSession() => Native.MallocArenas.Limit();

    private readonly ResidualStackNet model;
    private readonly OptimizerHelper optimizer;
    private readonly DeviceData train;
    private readonly DeviceData validation;
    private readonly Tensor? trainEvaluationRows;
    private readonly CheckpointStore? checkpoints;
    private readonly List<EpochMetrics> history = [];

    /// <summary>A fresh session (no checkpoint read); <see cref="Open"/> resumes.</summary>
    /// <param name="checkpoints">Where every epoch is checkpointed; null: nowhere.</param>
    /// <param name="data">Its tensors are used where they are when already on <paramref name="device"/> (a silo's shared
    /// copy per device), else copied there for this session.</param>
    public TrainingSession(TrainingSpec spec, DatasetSplit data, TrainingDevice device = default, CheckpointStore? checkpoints = null)
    {
        spec.Validate();
        CheckCompatible(spec.Model, data);
        Spec = spec;
        Device = device;
        if (device.IsCuda) Devices.UseFullFloat32OnCuda();
        this.checkpoints = checkpoints;
        model = ModelFactory.Create(spec.Model, spec.Seed);
        model.to(Device.Torch);
        Parameters = ModelFactory.CountParameters(model);
        optimizer = Optimizers.Create(spec.Optimizer, model.parameters(), spec.LearningRate);
        train = new DeviceData(data.Train, Device);
        validation = new DeviceData(data.Validation, Device);
        trainEvaluationRows = train.Count <= TrainEvaluationSamples ? null
            : tensor(StratifiedSubset.Select(data.Train.LabelBytes(), data.Train.Classes, TrainEvaluationSamples, spec.Seed), device: Device.Torch)
                .DetachFromDisposeScope();
    }

    /// <summary>
    /// A session that continues from the newest valid checkpoint in <paramref name="checkpoints"/> (fresh when it
    /// holds none). Damaged files are set aside, never loaded; <paramref name="onWarning"/> says so.
    /// </summary>
    /// <exception cref="CheckpointSpecMismatchException">The newest valid checkpoint is of another configuration.</exception>
    public static TrainingSession Open(TrainingSpec spec, DatasetSplit data, TrainingDevice device, CheckpointStore checkpoints,
        Action<string>? onWarning = null)
    {
        var session = new TrainingSession(spec, data, device, checkpoints);
        try
        {
            var restored = checkpoints.TryRestoreLatest(session, out var skipped);
            if (skipped is not null)
                onWarning?.Invoke(restored
                    ? $"set aside a damaged checkpoint ({skipped}); resuming after epoch {session.CompletedEpochs}"
                    : $"no usable checkpoint ({skipped}); starting fresh");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public TrainingSpec Spec { get; }

    /// <summary>Where the model, the optimizer and the data live; recorded in every epoch's <see cref="EpochMetrics.Device"/>.</summary>
    public TrainingDevice Device { get; }
    public long Parameters { get; }
    public int CompletedEpochs => history.Count;
    public IReadOnlyList<EpochMetrics> History => history;
    public bool IsDiverged { get; private set; }
    public bool IsFinished => IsDiverged || CompletedEpochs >= Spec.Epochs;
    public CheckpointWrite? LastCheckpoint { get; private set; }

    /// <summary>Whether the session copied its data to its device (false: it trains on the tensors it was given).</summary>
    internal bool CopiedData => train.IsCopy || validation.IsCopy;

    /// <summary>The model being trained (for inspection and tests; do not use from another thread).</summary>
    public ResidualStackNet Model => model;

    /// <summary>
    /// Trains epoch <see cref="CompletedEpochs"/> + 1, validates, evaluates the training loss and checkpoints. Throws
    /// OperationCanceledException (checked before every batch) after restoring the state of the last completed epoch.
    /// </summary>
    public EpochMetrics RunEpoch(CancellationToken ct, IProgress<BatchProgress>? progress = null)
    {
        if (IsDiverged)
            throw new InvalidOperationException($"training: the session diverged at epoch {CompletedEpochs} and cannot continue");
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
            using var orderOnDevice = order.to(Device.Torch);
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
        var notMeasured = new PassResult(double.NaN, double.NaN, 0);
        var validated = IsDiverged ? notMeasured : BatchLoop.Evaluate(model, validation.Images, validation.Labels, Spec.BatchSize);
        var trainEvaluated = IsDiverged ? notMeasured
            : BatchLoop.Evaluate(model, train.Images, train.Labels, Spec.BatchSize, trainEvaluationRows);
        var metrics = new EpochMetrics(epoch, trained.Loss, trained.Accuracy, validated.Loss, validated.Accuracy,
            clock.Elapsed.TotalSeconds, trained.Samples / Math.Max(trainSeconds, 1e-9), trainEvaluated.Loss, trainEvaluated.Accuracy,
            Device.ToString());
        history.Add(metrics);
        LastCheckpoint = checkpoints?.Save(this);
        return metrics;
    }

    /// <summary>Epochs until the session is finished (every epoch done, or diverged); false when cancelled first.</summary>
    public bool RunToEnd(Action<EpochMetrics>? onEpoch, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        while (!IsFinished)
        {
            try
            {
                var metrics = RunEpoch(ct, progress);
                onEpoch?.Invoke(metrics);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The state after the last completed epoch, as bytes (what a checkpoint stores).</summary>
    public SessionSnapshot Capture()
    {
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
            model.save(writer);
        using var optimizerState = new MemoryStream();
        using (var writer = new BinaryWriter(optimizerState, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        return new SessionSnapshot(history.ToArray(), weights.ToArray(), optimizerState.ToArray());
    }

    /// <summary>Puts the session back into a captured state. The snapshot must come from a session of the same spec.</summary>
    public void Restore(SessionSnapshot snapshot)
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
        trainEvaluationRows?.Dispose();
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

/// <summary>
/// Everything a session needs to continue bit-identically, as plain bytes: the model's state_dict (parameters and
/// batch-norm buffers) and the optimizer state, in TorchSharp's formats, plus the completed epochs. The data order
/// needs no state of its own: it is a function of (seed, epoch).
/// </summary>
public sealed record SessionSnapshot(IReadOnlyList<EpochMetrics> History, byte[] Weights, byte[] OptimizerState);
