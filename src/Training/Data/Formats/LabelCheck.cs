namespace OrleansSweep.Training.Data.Formats;

internal static class LabelCheck
{
    public static void InRange(ReadOnlySpan<byte> labels, int classes, string path, string? where = null)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classes)
                throw new DataFormatException(path, $"{where}label {labels[i]} at index {i} is out of range 0..{classes - 1}");
        }
    }
}
