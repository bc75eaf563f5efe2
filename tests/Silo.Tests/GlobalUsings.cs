global using Orleans;
global using OrleansSweep.Grains;
global using OrleansSweep.Grains.Sweeps;
