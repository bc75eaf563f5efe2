namespace OrleansSweep.Training.Sessions;

/// <summary>How a call to <see cref="Trainer.Run"/> ended.</summary>
public enum TrainingStatus
{
    Completed,
    Diverged,
    Cancelled,
}
