namespace OrleansSweep.Training.Data;

// MINIMAL placeholder (see TensorDataset.cs): the data helper's DatasetSplit replaces this file at merge.

/// <summary>The training split and the validation split of one dataset.</summary>
public sealed record DatasetSplit(TensorDataset Train, TensorDataset Validation) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
