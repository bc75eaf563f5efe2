using OrleansSweep.Grains.Hosting;
using OrleansSweep.Grains.Metrics;

// appsettings.json is read from beside the binary, whatever the working directory; environment and --args override it.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo.AddOrleansSweep(builder.Configuration));
builder.AddSweepObservability();
var app = builder.Build();
app.MapSweepEndpoints();
app.Run();
