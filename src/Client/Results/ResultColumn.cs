using OrleansSweep.Interfaces;
using OrleansSweep.Wire;
using OrleansSweep.Training.Sessions;

namespace OrleansSweep.Client.Results;

/// <summary>
/// One column of a flat export: its name, its CLR type (nullable where the value can be missing) and how to read it
/// from a trial and, in the long per-epoch layout, one of its epochs (null when the trial has no epoch history).
/// </summary>
public sealed record ResultColumn(string Name, Type Type, Func<ResultRow, EpochMetrics?, object?> Value);
