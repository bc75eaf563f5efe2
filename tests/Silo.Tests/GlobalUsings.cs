global using Orleans;
global using OrleansSweep.Interfaces;
global using OrleansSweep.Wire;
