using OrleansSweep.Client.Cli;
using OrleansSweep.Client.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("orleans-sweep");
    config.UseAssemblyInformationalVersion();
    config.UseStrictParsing();
    config.SetExceptionHandler((exception, _) => ErrorReport.Write(exception, args));
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train one configuration in this process (checkpoint per epoch, Ctrl-C stops after saving the last epoch).")
        .WithExample("train")
        .WithExample("train", "--arch", "parallel", "--layers", "8", "--filters", "16", "--epochs", "5")
        .WithExample("train", "--subset", "600", "--json", "--checkpoint-dir", "ckpt/run1")
        .WithExample("train", "--checkpoint-dir", "ckpt/run1", "--resume");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Run a whole sweep on this machine (embedded: state in --state-dir); Ctrl-C stops, the same command resumes.")
        .WithExample("run", "smoke")
        .WithExample("run", "paper", "--slots", "2", "--state-dir", "runs/paper")
        .WithExample("run", "paper", "--devices", "auto", "--per-device", "2")
        .WithExample("run", "my-sweep.yaml", "--json", "--no-report");
    config.AddCommand<DevicesCommand>("devices")
        .WithDescription("What this build and host can train on (backend, CPU, CUDA devices with name and memory) and the slot plan the Slots settings give here; a requested device that is missing: exit 2.")
        .WithExample("devices")
        .WithExample("devices", "--devices", "cuda:0,cuda:1", "--per-device", "2")
        .WithExample("devices", "--settings", "/app/appsettings.json", "--json");
    PlanCommand.Register(config);
    SweepCommands.Register(config);
    config.AddBranch("data", data =>
    {
        data.SetDescription("Download and check datasets.");
        data.AddCommand<DataFetchCommand>("fetch")
            .WithDescription("Download a dataset's files (SHA-256 checked; files already good are skipped).")
            .WithExample("data", "fetch", "--dataset", "mnist")
            .WithExample("data", "fetch", "--dataset", "cifar10", "--data-dir", "/srv/data/cifar10", "--mirror", "https://mirror.example/cifar/");
        data.AddCommand<DataVerifyCommand>("verify")
            .WithDescription("Check a dataset's files (presence, gzip, magic, counts, SHA-256): a table on stdout; a broken dataset is bad input, each defect one 'error:' line on stderr, exit 2.")
            .WithExample("data", "verify")
            .WithExample("data", "verify", "--dataset", "mnist", "--data-dir", "data/mnist");
    });
});

using var cancellation = new ConsoleCancellation();
return app.Run(args, cancellation.Token);
