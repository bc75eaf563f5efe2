using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansSweep.Grains.Sweeps;

namespace OrleansSweep.Grains.Specs;

/// <summary>
/// A trial's seed = SHA-256 of (sweep seed, every factor value except architecture, replicate): the sequential
/// and parallel twins of a configuration get the same seed, hence the same initial weights and batch order
/// (common random numbers). It does not depend on the trial index, so sampling or adding values to a factor
/// leaves existing configurations' seeds unchanged. Changing this function changes every seed: don't.
/// </summary>
public static class TrialSeeds
{
    /// <summary>A non-negative seed; <see cref="TrialConfig.Architecture"/>, Index and Seed are ignored.</summary>
    public static long Derive(long sweepSeed, TrialConfig config)
    {
        var canonical = string.Join('|',
            "trial-seed-v1",
            Invariant(sweepSeed),
            config.Dataset,
            Invariant(config.Layers),
            Invariant(config.Filters),
            Invariant(config.Kernel),
            config.Activation,
            config.BatchNorm ? "bn" : "no-bn",
            config.Optimizer,
            config.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            Invariant(config.BatchSize),
            Invariant(config.Replicate));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return BinaryPrimitives.ReadInt64LittleEndian(hash) & long.MaxValue;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
