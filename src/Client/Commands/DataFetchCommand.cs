using OrleansSweep.Client.Output;
using OrleansSweep.Training.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansSweep.Client.Commands;

/// <summary>`orleans-sweep data fetch`: downloads a dataset's files, checking each SHA-256, skipping good ones.</summary>
public sealed class DataFetchCommand : AsyncCommand<DataFetchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataFetchSettings settings, CancellationToken cancellation)
    {
        var catalog = settings.Mirrors.Length == 0
            ? DatasetCatalog.Official
            : DatasetCatalog.Official.WithMirrors(settings.Dataset, settings.MirrorUris);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var fetcher = new DatasetFetcher(http, catalog);
        var console = AnsiConsole.Console;
        var files = console.Profile.Capabilities.Interactive
            ? await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(progress => fetcher.FetchAsync(settings.Dataset, settings.TargetDirectory, new DownloadBars(progress), cancellation))
            : await fetcher.FetchAsync(settings.Dataset, settings.TargetDirectory, null, cancellation);
        var table = new Table().AddColumns("file", "result", "checksum");
        foreach (var file in files)
        {
            table.AddRow(Markup.Escape(file.Path),
                Markup.Escape(file.Downloaded ? $"downloaded from {file.Source}" : "already present"),
                file.Verified ? "[green]sha256 ok[/]" : "[yellow]no published checksum[/]");
        }
        console.Write(table);
        return 0;
    }
}
