namespace OrleansSweep.Training.Data;

/// <summary>Training data and validation data (the official test split); disposing disposes both.</summary>
public sealed record DatasetSplit(TensorDataset Train, TensorDataset Validation) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }
}
