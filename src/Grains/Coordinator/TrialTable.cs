namespace OrleansSweep.Grains.Coordinator;

/// <summary>
/// Every trial's status and attempt count, in memory (two bytes a trial). Rebuilt on activation from the
/// snapshot, the journal of finished trials, the leases, the retry queue and the cursor; so a snapshot
/// written just before a crash (ahead of the main state) or one that is stale both load consistently.
/// </summary>
public sealed class TrialTable
{
    private TrialTable(byte[] statuses, byte[] attempts) => (Statuses, Attempts) = (statuses, attempts);

    public byte[] Statuses { get; }
    public byte[] Attempts { get; }

    public static TrialTable New(long trials) => new(new byte[trials], new byte[trials]);

    public static TrialTable Load(SweepState main, SweepTrialsState snapshot)
    {
        var table = new TrialTable(Sized(snapshot.Statuses, main.TrialCount), Sized(snapshot.Attempts, main.TrialCount));
        var statuses = table.Statuses;
        for (long i = 0; i < statuses.LongLength; i++)
            if (!((TrialStatus)statuses[i]).IsTerminal()) statuses[i] = (byte)TrialStatus.Queued;
        foreach (var done in main.Finished) table.Finish(done.Index, done.Status, done.Attempts);

        foreach (var (i, lease) in main.Leases.ToList())
        {
            if (table.IsTerminal(i)) { main.Leases.Remove(i); continue; }
            statuses[i] = (byte)TrialStatus.Running;
            table.RaiseAttempts(i, lease.Attempt);
        }
        main.Retries.RemoveAll(r => table.IsTerminal(r.Index) || main.Leases.ContainsKey(r.Index));
        foreach (var retry in main.Retries) table.RaiseAttempts(retry.Index, retry.Attempt);

        // Self-healing: a claimed trial that is neither finished, running nor queued for retry goes back.
        var queued = main.Retries.Select(r => r.Index).ToHashSet();
        for (long i = 0; i < Math.Min(main.Cursor, statuses.LongLength); i++)
            if (statuses[i] == (byte)TrialStatus.Queued && !queued.Contains(i))
                main.Retries.Add(new RetryEntry(i, DateTimeOffset.MinValue, table.Attempts[i]));

        if (main.Phase == SweepPhase.Cancelled)
            for (long i = 0; i < statuses.LongLength; i++)
                if (!table.IsTerminal(i)) statuses[i] = (byte)TrialStatus.Cancelled;
        return table;
    }

    public TrialStatus StatusOf(long i) => (TrialStatus)Statuses[i];
    public bool IsTerminal(long i) => StatusOf(i).IsTerminal();

    private void Finish(long i, TrialStatus status, int attempts)
    {
        Statuses[i] = (byte)status;
        RaiseAttempts(i, attempts);
    }

    private void RaiseAttempts(long i, int attempts) => Attempts[i] = (byte)Math.Max(Attempts[i], Math.Min(attempts, 255));

    private static byte[] Sized(byte[] persisted, long length)
    {
        if (persisted.LongLength == length) return persisted;
        var sized = new byte[length];
        Array.Copy(persisted, sized, Math.Min(persisted.LongLength, length));
        return sized;
    }
}
