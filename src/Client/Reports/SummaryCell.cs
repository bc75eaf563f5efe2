namespace OrleansSweep.Client.Reports;

/// <summary>
/// One line of the paper's table: a dataset × architecture × Q bin, how many trials fall in it, how many entered the
/// means (completed with finite losses), and the mean final training and validation loss and gap (validation − training).
/// </summary>
public sealed record SummaryCell(
    string Dataset, string Architecture, string QBin, int Trials, int Analysed,
    double? MeanTrainLoss, double? MeanValLoss, double? MeanGap);
