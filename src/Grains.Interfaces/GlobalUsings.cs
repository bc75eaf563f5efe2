global using OrleansSweep.Grains.Sweeps;
