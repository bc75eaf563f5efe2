namespace OrleansSweep.Hosting.Storage;

/// <summary>A transient storage failure injected by <see cref="FaultInjectingGrainStorage"/>.</summary>
public sealed class InjectedStorageFaultException(string message) : Exception(message);
