global using Microsoft.Extensions.Logging;
global using Orleans;
global using Orleans.Runtime;
global using Orleans.Storage;
global using Orleans.Concurrency;
global using OrleansSweep.Interfaces;
global using OrleansSweep.Wire;
global using OrleansSweep.Training.Sessions;
