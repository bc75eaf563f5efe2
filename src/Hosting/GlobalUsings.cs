global using Microsoft.Extensions.Logging;
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Runtime;
global using OrleansSweep.Grains;
global using OrleansSweep.Interfaces;
global using OrleansSweep.Wire;
