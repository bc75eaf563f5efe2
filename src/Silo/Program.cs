using OrleansSweep.Hosting;
using OrleansSweep.Grains.Metrics;
using OrleansSweep.Grains;

// appsettings.json is read from beside the binary, whatever the working directory; environment and --args override it.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
}
catch (ConfigurationError e)
{
    Console.Error.WriteLine($"orleans-sweep silo: {e.Message}");
    return 2;
}
builder.AddSweepObservability();
var app = builder.Build();
app.MapSweepEndpoints();
app.Run();
return 0;
