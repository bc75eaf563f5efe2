using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansSweep.Client.Cli;
using OrleansSweep.Training;
using OrleansSweep.Training.Sessions;
using OrleansSweep.Training.Vocabulary;
using OrleansSweep.Client.Commands;

namespace OrleansSweep.Client.Output;

/// <summary>`train --json`: one camelCase object per finished epoch on stdout, then a final one.</summary>
public sealed class JsonLinesView(TextWriter output) : ITrainingView
{
    // Doubles are written in shortest round-trip form, so equal lines mean bit-identical metrics.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public TrainingOutcome Show(TrainingHeader header, Func<Action<EpochMetrics>, IProgress<BatchProgress>?, TrainingOutcome> train)
    {
        var outcome = train(m => Write(EpochLine.Of(m, header.Parameters, EpochLine.EpochStatus)), null);
        Write(EpochLine.Of(outcome.History.LastOrDefault(), outcome.Parameters, Names.Of(outcome.Status)));
        return outcome;
    }

    private void Write(EpochLine line)
    {
        output.WriteLine(JsonSerializer.Serialize(line, Options));
        output.Flush();
    }
}
