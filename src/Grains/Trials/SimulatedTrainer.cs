using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansSweep.Training;

namespace OrleansSweep.Grains.Trials;

/// <summary>
/// A stand-in trainer for orchestration tests, benchmarks and dry runs (<c>Trainer:Kind=simulated</c>): each epoch
/// waits <see cref="SimulatedTrainerOptions.EpochDuration"/> (cancellably) and yields metrics that are a pure function
/// of the trial's seed, configuration and epoch, so faulty and fault-free runs must agree exactly. Progress is
/// checkpointed to a small file, atomically, like the real trainer; each epoch records the device it was given.
/// </summary>
public sealed class SimulatedTrainer(SimulatedTrainerOptions options) : ITrainer
{
    public ITrainingSession Open(TrialLease lease, TrainingDevice device, string checkpointDirectory, int threads) =>
        new Session(lease.Config, lease.Options.Epochs, options, checkpointDirectory, device);

    private sealed class Session : ITrainingSession
    {
        private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        private readonly TrialConfig _config;
        private readonly int _epochs;
        private readonly SimulatedTrainerOptions _options;
        private readonly string _file;
        private readonly List<EpochMetrics> _history;
        private readonly TrainingDevice _device;

        public Session(TrialConfig config, int epochs, SimulatedTrainerOptions options, string directory, TrainingDevice device)
        {
            (_config, _epochs, _options, _device) = (config, epochs, options, device);
            Directory.CreateDirectory(directory);
            _file = Path.Combine(directory, "simulated.json");
            _history = File.Exists(_file) ? JsonSerializer.Deserialize<List<EpochMetrics>>(File.ReadAllText(_file), Json) ?? [] : [];
        }

        public IReadOnlyList<EpochMetrics> History => _history;
        public long Parameters => (long)_config.Layers * _config.Filters * _config.Filters * _config.Kernel * _config.Kernel;
        public bool IsDiverged => _history.Count > 0 && !double.IsFinite(_history[^1].TrainLoss);
        public bool IsFinished => IsDiverged || _history.Count >= _epochs;
        public CheckpointWrite? LastCheckpoint { get; private set; }

        public EpochMetrics RunEpoch(CancellationToken cancellationToken, IProgress<BatchProgress>? progress = null)
        {
            var epoch = _history.Count + 1;
            if (_options.EpochDuration > TimeSpan.Zero) cancellationToken.WaitHandle.WaitOne(_options.EpochDuration);
            cancellationToken.ThrowIfCancellationRequested();
            if (_options.Throws?.Invoke(_config, epoch) == true) throw new InvalidOperationException($"simulated failure in epoch {epoch}");
            var diverged = _options.Diverges?.Invoke(_config, epoch) == true;
            var noise = Noise(_config.Seed, _config.Index, epoch);
            var trainLoss = diverged ? double.NaN : 2.0 / (epoch + 1) + noise;
            var metrics = new EpochMetrics(epoch, trainLoss, 1 - trainLoss / 3, trainLoss * 1.1, 1 - trainLoss / 2.5,
                _options.EpochDuration.TotalSeconds, 1000, diverged ? double.NaN : trainLoss * 0.9, diverged ? double.NaN : 1 - trainLoss / 3.5,
                _device.ToString());
            _history.Add(metrics);
            Save();
            return metrics;
        }

        public void Dispose() { }

        private void Save()
        {
            var started = Stopwatch.GetTimestamp();
            var temp = _file + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(_history, Json));
            File.Move(temp, _file, overwrite: true);
            LastCheckpoint = new(new FileInfo(_file).Length, Stopwatch.GetElapsedTime(started));
        }

        // A stable mix (SplitMix64 finaliser): HashCode.Combine is randomised per process.
        private static double Noise(long seed, long index, int epoch)
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xBF58476D1CE4E5B9UL ^ (ulong)epoch * 0x94D049BB133111EBUL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53)) * 0.01;
        }
    }
}

public sealed class SimulatedTrainerOptions
{
    public TimeSpan EpochDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>For tests: the trial's loss turns NaN in this (config, epoch).</summary>
    public Func<TrialConfig, int, bool>? Diverges { get; set; }

    /// <summary>For tests: the trainer throws in this (config, epoch).</summary>
    public Func<TrialConfig, int, bool>? Throws { get; set; }
}
